import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Context } from '../../../platform/context.ts';
import { findSupportAddress, insertInbound } from './email.repository.ts';
import type { InboundQueue } from './inbound-queue.ts';
import { peekMessageId } from './parse-email.ts';

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** Whether mail to this address is ours: the configured support address or an active one from the admin screens. */
export async function acceptsAddress(ctx: Context, address: string): Promise<boolean> {
  const lower = address.toLowerCase();
  if (lower === ctx.config.supportEmail.toLowerCase()) return true;
  return (await findSupportAddress(ctx.db, lower)) !== undefined;
}

/**
 * The inbound SMTP server: accepts mail for the support addresses (550 for any other), refuses mail
 * over the size limit with 552, and answers 250 only once the raw message is committed to the
 * database; parsing and ticketing follow from the stored copy.
 */
export async function startInboundSmtp(
  ctx: Context,
  queue: InboundQueue,
  options: { port: number; host: string; maxBytes: number },
): Promise<InboundSmtp> {
  const server = new SMTPServer({
    name: 'frontline',
    banner: 'Frontline support mail',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    socketTimeout: 60_000,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      acceptsAddress(ctx, address.address).then(
        (ok) => callback(ok ? null : smtpError(550, `5.1.1 <${address.address}>: no such support address here`)),
        (error: unknown) => {
          ctx.log.error({ err: error }, 'support address lookup failed');
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(smtpError(552, `5.3.4 message too big: the limit is ${options.maxBytes} bytes`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        insertInbound(ctx.db, {
          source: 'smtp',
          mailbox_id: null,
          mail_from: mailFrom,
          rcpt_to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          message_id: peekMessageId(raw) ?? null,
          raw,
          received_at: ctx.clock.now(),
        }).then(
          (stored) => {
            if (!stored.duplicate) queue.enqueue(stored.id);
            callback(null, `2.0.0 stored as ${stored.id}`);
          },
          (error: unknown) => {
            ctx.log.error({ err: error }, 'an inbound message could not be stored');
            callback(smtpError(451, '4.3.0 could not store the message, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => ctx.log.warn({ err: error }, 'SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
