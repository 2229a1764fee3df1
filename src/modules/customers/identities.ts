import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { IdentityKind } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$|^[^\s@]+@localhost$/i;

/**
 * One canonical form per identity, so that the same person is found whichever way they wrote it:
 * emails lower-cased, phones in E.164, handles trimmed and lower-cased.
 * Throws validation_failed naming the identity.
 */
export function normaliseIdentity(kind: IdentityKind, raw: string, defaultCountry = 'US'): string {
  const value = raw.trim();
  switch (kind) {
    case 'email':
      if (!emailPattern.test(value) || value.length > 254) throw invalid(kind, raw, 'not an email address');
      return value.toLowerCase();
    case 'phone': {
      const phone = parsePhoneNumberFromString(value, defaultCountry as Parameters<typeof parsePhoneNumberFromString>[1]);
      if (!phone?.isPossible()) throw invalid(kind, raw, 'not a possible phone number; use the international form, e.g. +44 20 7946 0958');
      return phone.number;
    }
    case 'chat':
    case 'social':
      if (!value || value.length > 200) throw invalid(kind, raw, 'must be 1 to 200 characters');
      return value.toLowerCase();
  }
}

function invalid(kind: IdentityKind, raw: string, why: string): AppError {
  return new AppError('validation_failed', `The ${kind} identity "${raw}" is ${why}.`, [{ path: kind, message: why }]);
}
