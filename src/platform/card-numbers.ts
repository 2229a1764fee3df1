/** Luhn check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Card networks by issuer prefix (IIN) and the lengths their numbers have. A Luhn-valid number that
 * no network issues (for example one starting with 0, 7, 8 or 9, or a 14-digit number starting with 4)
 * is not a card number.
 */
const networks: { prefix: (p: number[]) => boolean; lengths: number[] }[] = [
  // Visa
  { prefix: ([a]) => a === 4, lengths: [13, 16, 19] },
  // Mastercard: 51–55 and 2221–2720
  { prefix: (p) => num(p, 2) >= 51 && num(p, 2) <= 55, lengths: [16] },
  { prefix: (p) => num(p, 4) >= 2221 && num(p, 4) <= 2720, lengths: [16] },
  // American Express
  { prefix: (p) => num(p, 2) === 34 || num(p, 2) === 37, lengths: [15] },
  // Discover: 6011, 644–649, 65
  { prefix: (p) => num(p, 4) === 6011 || (num(p, 3) >= 644 && num(p, 3) <= 649) || num(p, 2) === 65, lengths: [16, 17, 18, 19] },
  // JCB: 3528–3589
  { prefix: (p) => num(p, 4) >= 3528 && num(p, 4) <= 3589, lengths: [16, 17, 18, 19] },
  // Diners Club: 300–305, 36, 38, 39
  { prefix: (p) => (num(p, 3) >= 300 && num(p, 3) <= 305) || [36, 38, 39].includes(num(p, 2)), lengths: [14, 15, 16, 17, 18, 19] },
  // UnionPay: 62
  { prefix: (p) => num(p, 2) === 62, lengths: [16, 17, 18, 19] },
  // Maestro: 50, 56–69 — the only network with 12-digit numbers
  { prefix: (p) => num(p, 2) === 50 || (num(p, 2) >= 56 && num(p, 2) <= 69), lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  // UATP (airline cards)
  { prefix: ([a]) => a === 1, lengths: [15] },
];

function num(digits: number[], count: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) n = n * 10 + (digits[i] ?? 0);
  return n;
}

/** A card number: 12 to 19 digits, Luhn-valid, with the prefix and length of a card network. */
export function isCardNumber(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) return false;
  const parsed = [...digits].map(Number);
  return networks.some((n) => n.lengths.includes(digits.length) && n.prefix(parsed));
}

// 12 to 19 digits, optionally grouped by single spaces or dashes, not part of a longer number or code.
const candidate = /(?<![\d-])\d(?:[ -]?\d){11,18}(?![\d-])/g;

/**
 * Order numbers are never masked, even when Luhn-valid: a number right after an order, invoice or
 * tracking label — "order no. 4111…", "order number: …", "order #…", "invoice #…", "tracking no …" —
 * or written as `ORD-` followed by digits (which the candidate pattern never matches: a dash before
 * the number makes it part of a code).
 */
const orderLabel = /\b(?:order|invoice|tracking)\s*(?:no\.?|nr\.?|number|#)\s*[:#]?\s*$/i;

/**
 * Masks card numbers (see `isCardNumber`) keeping the last four, as PCI DSS asks of stored text;
 * answers how many were masked so the masking can be recorded.
 */
export function maskCardNumbers(text: string): { text: string; masked: number } {
  let masked = 0;
  const result = text.replace(candidate, (match, offset: number) => {
    const digits = match.replace(/[ -]/g, '');
    if (!isCardNumber(digits)) return match;
    if (orderLabel.test(text.slice(Math.max(0, offset - 40), offset))) return match;
    masked++;
    return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
  return { text: result, masked };
}

/** Masks card numbers in every string of a JSON-like value (custom field values). */
export function maskCardNumbersDeep<T>(value: T): T {
  if (typeof value === 'string') return maskCardNumbers(value).text as T;
  if (Array.isArray(value)) return value.map((v) => maskCardNumbersDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskCardNumbersDeep(v)])) as T;
  }
  return value;
}

/** Text attachments whose content is masked before it is stored. */
export const maskableAttachmentTypes = ['text/plain', 'text/csv'];
