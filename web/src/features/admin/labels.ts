import { roleLabels } from '../../app/permissions.ts';
import type { Role } from '../../app/types.ts';

export const roleOrder: readonly Role[] = ['admin', 'head_of_support', 'manager', 'tam', 'engineer', 'associate', 'analyst', 'customer'];

/** What each role may do, in a sentence, for the role pickers. */
export const roleHints: Record<Role, string> = {
  admin: 'Everything, including users, settings and the audit log',
  head_of_support: 'Works tickets, manages groups, reads the audit log',
  manager: 'Works tickets and manages groups',
  tam: 'Works tickets for their accounts, manages organizations',
  engineer: 'Works tickets, merges customers',
  associate: 'Works tickets',
  analyst: 'Reads tickets and reports, changes nothing',
  customer: 'Uses the Help Center; sees only their own requests',
};

/** Badge colours per role: light backgrounds with text dark enough for a 4.5:1 contrast. */
export const roleSwatches: Record<Role, { bg: string; fg: string }> = {
  admin: { bg: '#f8f0fc', fg: '#862e9c' },
  head_of_support: { bg: '#edf2ff', fg: '#364fc7' },
  manager: { bg: '#e7f5ff', fg: '#1864ab' },
  tam: { bg: '#e3fafc', fg: '#0b7285' },
  engineer: { bg: '#e6fcf5', fg: '#0b6e4f' },
  associate: { bg: '#ebfbee', fg: '#24773a' },
  analyst: { bg: '#fff4e6', fg: '#a33b05' },
  customer: { bg: '#f1f3f5', fg: '#495057' },
};

export const roleOptions = roleOrder.map((role) => ({ value: role, label: roleLabels[role] }));

export const tierLabels: Record<number, string> = { 1: 'Tier 1', 2: 'Tier 2', 3: 'Tier 3' };

/** Languages offered in pickers (any ISO 639 code may be typed). */
const commonLanguages = [
  'en',
  'de',
  'fr',
  'es',
  'pt',
  'it',
  'nl',
  'sv',
  'da',
  'no',
  'fi',
  'pl',
  'cs',
  'tr',
  'ru',
  'uk',
  'ar',
  'he',
  'hi',
  'zh',
  'ja',
  'ko',
  'id',
  'vi',
  'th',
];

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

export function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export const languageOptions = (selected: string[]) =>
  [...new Set([...commonLanguages, ...selected])].map((code) => ({ value: code, label: `${languageName(code)} (${code})` }));

export const proficiencyLabels: Record<number, string> = { 1: 'Learning', 2: 'Basic', 3: 'Competent', 4: 'Strong', 5: 'Expert' };

export const fieldTypeLabels: Record<string, string> = {
  text: 'Text',
  number: 'Number',
  dropdown: 'Dropdown',
  date: 'Date',
  checkbox: 'Checkbox',
};

/** A random password that passes the 10-character minimum comfortably. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

/** "product:billing" → "billing" under "product", for grouping skills. */
export function splitSkill(name: string): { kind: string; value: string } {
  const at = name.indexOf(':');
  return at > 0 ? { kind: name.slice(0, at), value: name.slice(at + 1) } : { kind: '', value: name };
}
