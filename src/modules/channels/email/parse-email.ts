import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

export interface MailAddress {
  address: string;
  name: string;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  contentId: string | undefined;
  inline: boolean;
}

/** What the email channel needs from one message, whatever its MIME structure and charsets. */
export interface ParsedEmail {
  messageId: string | undefined;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: MailAddress | undefined;
  to: MailAddress[];
  cc: MailAddress[];
  text: string;
  /** The new words of this message: quoted history and signature removed. */
  reply: string;
  /** Sanitised HTML (no scripts, styles or event handlers), or undefined for plain-text mail. */
  html: string | undefined;
  attachments: MailAttachment[];
  /** Why the message must not open a ticket or be answered (RFC 3834 and common equivalents). */
  autoReply: string | undefined;
  bounce: { originalMessageId: string | undefined; recipients: string[]; reason: string } | undefined;
  listMail: boolean;
  /** The MIME structure is broken (e.g. a multipart boundary that never occurs): read as far as possible, and flagged. */
  malformed: boolean;
}

const ids = (value: string | string[] | undefined): string[] => {
  if (!value) return [];
  const all = Array.isArray(value) ? value : value.split(/\s+/);
  return all.map((v) => v.trim()).filter((v) => /^<[^<>\s]+>$/.test(v));
};

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  const flat = list.flatMap((object) => object.value.flatMap((entry) => (entry.group ? entry.group : [entry])));
  return flat.filter((a) => a.address).map((a) => ({ address: (a.address as string).toLowerCase(), name: a.name ?? '' }));
}

const header = (mail: ParsedMail, name: string): string => {
  const value = mail.headers.get(name);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return String(value);
};

const autoSubjects = /^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheit|r[ée]ponse automatique|away from)/i;

function autoReplyReason(mail: ParsedMail): string | undefined {
  const autoSubmitted = header(mail, 'auto-submitted').toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond') || mail.headers.has('x-auto-response-suppress'))
    return 'X-Autoreply header';
  const precedence = header(mail, 'precedence').toLowerCase();
  if (['bulk', 'junk', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (autoSubjects.test(mail.subject ?? '')) return 'out-of-office subject';
  return undefined;
}

function bounceOf(mail: ParsedMail, envelopeFrom: string | null): ParsedEmail['bounce'] {
  const contentType = header(mail, 'content-type').toLowerCase();
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  const isReport = contentType.includes('multipart/report') || mail.attachments.some((a) => a.contentType === 'message/delivery-status');
  const fromDaemon = /^(mailer-daemon|postmaster)@/i.test(from) || envelopeFrom === '';
  if (!isReport && !fromDaemon) return undefined;
  let originalMessageId: string | undefined;
  const recipients: string[] = [];
  let reason = 'delivery failed';
  // mailparser folds a message/delivery-status part into the text; some MTAs attach it.
  const statusTexts = [
    mail.text ?? '',
    ...mail.attachments.filter((a) => a.contentType === 'message/delivery-status').map((a) => a.content.toString('utf8')),
  ];
  for (const content of statusTexts) {
    for (const match of content.matchAll(/^Final-Recipient:\s*[^;\n]+;\s*(\S+)/gim)) if (match[1]) recipients.push(match[1].toLowerCase());
    const diagnostic = /^Diagnostic-Code:\s*(.+)$/im.exec(content)?.[1] ?? /^Status:\s*(\d\.\d+\.\d+.*)$/im.exec(content)?.[1];
    if (diagnostic && reason === 'delivery failed') reason = diagnostic.trim();
  }
  for (const part of mail.attachments) {
    if (part.contentType === 'message/rfc822' || part.contentType === 'text/rfc822-headers') {
      originalMessageId ??= /^Message-ID:\s*(<[^>\s]+>)/im.exec(part.content.toString('utf8'))?.[1];
    }
  }
  originalMessageId ??= ids(mail.inReplyTo)[0] ?? /^Message-ID:\s*(<[^>\s]+>)/im.exec(mail.text ?? '')?.[1];
  return { originalMessageId, recipients, reason };
}

// Lines that introduce quoted history in the major mail clients.
const quoteHeaders = [
  /^On .{1,200}wrote:\s*$/,
  /^Am .{1,200}schrieb .{0,100}:\s*$/,
  /^Le .{1,200}a écrit\s*:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}\s*Forwarded message\s*-{2,}/i,
  /^_{10,}\s*$/,
  /^From: .+$/,
];

/**
 * The part of a message its author wrote now: stops at the first quote header, quoted (">") block
 * or signature delimiter ("-- "). The full text stays stored beside it.
 */
export function extractReply(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (line === '-- ' || line === '--') break;
    if (quoteHeaders.some((pattern) => pattern.test(line.trim())) && index > 0) break;
    // "On … wrote:" is often wrapped onto two lines.
    if (/^On .{1,200}$/.test(line.trim()) && /wrote:\s*$/.test(lines[index + 1] ?? '') && index > 0) break;
    if (line.startsWith('>')) {
      const rest = lines.slice(index).filter((l) => l.trim() !== '');
      if (rest.every((l) => l.startsWith('>'))) break;
      continue;
    }
    kept.push(line);
  }
  const reply = kept.join('\n').trim();
  return reply || text.trim();
}

const allowedTags = [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'font', 'center'];

/** HTML safe to show in the workspace: no scripts, styles, forms or event handlers; images only inline (cid) or https. */
export function sanitiseEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['cid', 'https', 'data'] },
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  });
}

function isMalformed(mail: ParsedMail, raw: Buffer): boolean {
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const boundary = contentType?.params?.boundary;
  if (!contentType?.value?.startsWith('multipart/')) return false;
  return !boundary || !raw.includes(`--${boundary}`);
}

/** Parses a raw message (any charset, any MIME structure mailparser understands). Throws on unreadable input. */
export async function parseEmail(raw: Buffer, envelopeFrom: string | null = null): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const text = (mail.text ?? '').replace(/\r\n/g, '\n');
  const from = addresses(mail.from)[0];
  const references = ids(mail.references);
  return {
    messageId: ids(mail.messageId)[0],
    inReplyTo: ids(mail.inReplyTo),
    references,
    subject: (mail.subject ?? '').trim(),
    from,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    text,
    reply: extractReply(text),
    html: typeof mail.html === 'string' && mail.html.trim() ? sanitiseEmailHtml(mail.html) : undefined,
    attachments: mail.attachments
      .filter((a) => !['message/delivery-status', 'text/rfc822-headers'].includes(a.contentType))
      .map((a) => ({
        filename: a.filename ?? (a.contentType === 'message/rfc822' ? 'message.eml' : 'attachment'),
        contentType: a.contentType,
        content: a.content,
        contentId: a.contentId?.replace(/^<|>$/g, ''),
        inline: a.contentDisposition === 'inline' || Boolean(a.related),
      })),
    autoReply: autoReplyReason(mail),
    bounce: bounceOf(mail, envelopeFrom),
    listMail: mail.headers.has('list-id') || header(mail, 'precedence').toLowerCase() === 'list',
    malformed: isMalformed(mail, raw),
  };
}

/** The ticket number a subject names as "[#1234]", if any. */
export function ticketNumberInSubject(subject: string): number | undefined {
  const match = /\[#(\d{1,12})\]/.exec(subject);
  const number = match?.[1] ? Number(match[1]) : undefined;
  return number !== undefined && Number.isSafeInteger(number) ? number : undefined;
}

/** The Message-ID header value of a raw message, read without a full parse (for de-duplication at the door). */
export function peekMessageId(raw: Buffer): string | undefined {
  const ends = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((i) => i !== -1);
  const head = raw.subarray(0, ends.length ? Math.min(...ends) : Math.min(raw.length, 65_536)).toString('latin1');
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return /^Message-ID:\s*(<[^<>\s]+>)/im.exec(unfolded)?.[1];
}
