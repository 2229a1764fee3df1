import nodemailer from 'nodemailer';
import type { Logger } from './logging.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

/** Sends mail through SMTP_URL; without one, writes each message to the log so a developer can follow links. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export function createMailer(options: { smtpUrl: string | undefined; from: string; log: Logger }): Mailer {
  if (!options.smtpUrl) {
    return {
      async send(mail) {
        options.log.warn({ to: mail.to, subject: mail.subject, text: mail.text }, 'SMTP_URL is not set: this email was logged, not sent');
        return { messageId: `<logged-${Date.now()}@frontline>` };
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: options.from, ...mail });
      return { messageId: info.messageId };
    },
  };
}
