import { describe, expect, it } from 'vitest';
import { isCardNumber, luhnValid, maskCardNumbers, maskCardNumbersDeep } from './card-numbers.ts';

/** Completes a prefix of digits with a Luhn check digit to the given length (zeros in between). */
function withCheckDigit(prefix: string, length: number): string {
  const body = prefix.padEnd(length - 1, '0');
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}

const spaced = (digits: string, groups: number[]) => {
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    parts.push(digits.slice(at, at + g));
    at += g;
  }
  return parts.join(' ');
};

// Card numbers of every network and length, as written: plain, spaced and dashed.
const cards: [string, string][] = [
  ['Visa 16', '4111111111111111'],
  ['Visa 16 spaced', '4111 1111 1111 1111'],
  ['Visa 16 dashed', '4111-1111-1111-1111'],
  ['Visa 13', withCheckDigit('4222', 13)],
  ['Visa 19', withCheckDigit('4000', 19)],
  ['Mastercard', '5500000000000004'],
  ['Mastercard 2-series', '2223000048400011'],
  ['Amex', '378282246310005'],
  ['Amex spaced 4-6-5', '3782 822463 10005'],
  ['Discover', '6011111111111117'],
  ['Discover 19', withCheckDigit('6011', 19)],
  ['JCB', '3530111333300000'],
  ['Diners 14', '30569309025904'],
  ['UnionPay', '6200000000000005'],
  ['Maestro 12', withCheckDigit('5018', 12)],
  ['Maestro 12 spaced', spaced(withCheckDigit('5018', 12), [4, 4, 4])],
  ['Maestro 19 dashed', spaced(withCheckDigit('6759', 19), [4, 4, 4, 4, 3]).replaceAll(' ', '-')],
  ['UATP', withCheckDigit('1', 15)],
];

// Luhn-valid numbers that are not card numbers and must stay as written.
const notCards: [string, string][] = [
  ['order number (label "order no.")', 'order no. 4111111111111111'],
  ['order number (label "Order #")', 'Order #4111 1111 1111 1111'],
  ['invoice number', 'invoice number: 5500000000000004'],
  ['tracking number', 'tracking nr 378282246310005'],
  ['ORD- order code', 'ORD-4111111111111111'],
  ['no network starts with 9', withCheckDigit('9', 16)],
  ['no network starts with 0', withCheckDigit('0', 16)],
  ['no network starts with 7', withCheckDigit('7', 12)],
  ['no network starts with 8', withCheckDigit('8', 19)],
  ['Visa has no 14-digit numbers', withCheckDigit('4', 14)],
  ['Amex has no 16-digit numbers', withCheckDigit('37', 16)],
  ['11 digits is too short', withCheckDigit('4', 11)],
  ['20 digits is too long', withCheckDigit('4', 20)],
  ['Luhn-invalid', '4111111111111112'],
  ['a phone number', '+1 415 555 0199'],
];

describe('card-number masking corpus', () => {
  it.each(cards)('masks %s', (_name, written) => {
    const digits = written.replace(/\D/g, '');
    expect(isCardNumber(digits)).toBe(true);
    const { text, masked } = maskCardNumbers(`Please charge ${written} today.`);
    expect(masked).toBe(1);
    expect(text).toBe(`Please charge ${'*'.repeat(digits.length - 4)}${digits.slice(-4)} today.`);
    expect(text).not.toContain(digits.slice(0, 6));
  });

  it.each(notCards)('leaves %s alone', (_name, written) => {
    const sentence = `Reference: ${written}.`;
    expect(maskCardNumbers(sentence)).toEqual({ text: sentence, masked: 0 });
  });

  it('the non-card corpus is Luhn-valid where it claims to be', () => {
    for (const [name, written] of notCards.slice(0, 13)) expect(luhnValid(written.replace(/\D/g, '')), name).toBe(true);
  });

  it('masks an unlabelled card next to a labelled order number', () => {
    expect(maskCardNumbers('order #4111111111111111 paid with 4111111111111111')).toEqual({
      text: 'order #4111111111111111 paid with ************1111',
      masked: 1,
    });
  });

  it('masks every string of a custom-field value', () => {
    expect(maskCardNumbersDeep({ note: 'card 5500 0000 0000 0004', amount: 12, list: ['4111111111111111'] })).toEqual({
      note: 'card ************0004',
      amount: 12,
      list: ['************1111'],
    });
  });
});
