import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from './errors.ts';

/**
 * The password policy: 12 to 200 characters, not one of the commonly used passwords of the
 * `passwords-common` list shipped with @zxcvbn-ts/language-common (MIT; about 49,000 passwords
 * ranked by how often they appeared in breaches), compared without case and without trailing
 * digits and punctuation, and not the user's own email or name.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

let denylist: Set<string> | undefined;

function commonPasswords(): Set<string> {
  denylist ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return denylist;
}

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(
  password: string,
  user: { email?: string | undefined; name?: string | undefined } = {},
): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Passwords may have at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const list = commonPasswords();
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  if (list.has(lower) || (stripped.length >= 6 && list.has(stripped)) || /^(.)\1+$/u.test(password)) {
    return 'This password is one of the most common ones and is easily guessed; choose another.';
  }
  const local = user.email?.toLowerCase().split('@')[0];
  if (
    (user.email && lower === user.email.toLowerCase()) ||
    (local && local.length >= 4 && lower.includes(local)) ||
    (user.name && lower === user.name.toLowerCase())
  ) {
    return 'A password must not contain your email address or name.';
  }
  return undefined;
}

/** Throws validation_failed (path `password`) when the policy refuses the password. */
export function assertPasswordPolicy(
  password: string,
  user: { email?: string | undefined; name?: string | undefined } = {},
  field = 'password',
): void {
  const problem = passwordProblem(password, user);
  if (problem) throw new AppError('validation_failed', problem, [{ path: field, message: problem }]);
}
