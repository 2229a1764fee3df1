/**
 * The file types a ticket accepts, and a check that the bytes are what the name and declared type
 * say (a renamed executable is not a PDF). Signatures from the formats' own specifications.
 */
const signatures: Record<string, (head: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': isZip,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': isZip,
  'audio/mpeg': (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  'audio/wav': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE',
  'text/plain': isText,
  'text/csv': isText,
  'application/json': isText,
  'message/rfc822': isText,
  'text/calendar': isText,
};

function isZip(b: Buffer): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
}

function isText(b: Buffer): boolean {
  return !b.includes(0);
}

export const acceptedContentTypes = Object.keys(signatures);

/** Returns a reason when the file must be refused, or undefined when it is acceptable. */
export function checkAttachment(declaredType: string, head: Buffer): string | undefined {
  const type = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const matches = signatures[type];
  if (!matches) return `files of type ${type || 'unknown'} are not accepted; accepted: ${acceptedContentTypes.join(', ')}`;
  if (head.length === 0) return 'the file is empty';
  if (!matches(head)) return `the file's content is not ${type}`;
  return undefined;
}

export function normalisedType(declaredType: string): string {
  return declaredType.split(';')[0]?.trim().toLowerCase() ?? 'application/octet-stream';
}
