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

// 13 to 19 digits, optionally grouped by single spaces or dashes, not part of a longer number.
const candidate = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

/**
 * Masks card numbers (Luhn-valid PANs of 13 to 19 digits) keeping the last four, as PCI DSS asks of
 * stored text; answers how many were masked so the masking can be recorded.
 */
export function maskCardNumbers(text: string): { text: string; masked: number } {
  let masked = 0;
  const result = text.replace(candidate, (match) => {
    const digits = match.replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return match;
    masked++;
    return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
  return { text: result, masked };
}
