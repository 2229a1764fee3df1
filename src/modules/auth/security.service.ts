import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type Actor, type Context, systemActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashSecret, newSecret, openSecret, safeEqual, sealSecret } from '../../platform/secrets.ts';

/** After this many failed sign-ins in a row an account is locked; each further failure doubles the lock. */
export const LOCKOUT_THRESHOLD = 5;
const LOCK_BASE_MS = 60_000;
const LOCK_MAX_MS = 60 * 60_000;
const CHALLENGE_TTL_MS = 10 * 60_000;
const CHALLENGE_MAX_ATTEMPTS = 5;
const RECOVERY_CODES = 10;
const TOTP_STEP_SECONDS = 30;

type Db = Kysely<Database>;

// ─── policy ──────────────────────────────────────────────────────────────────────────────────

export interface OidcSettings {
  issuer: string;
  client_id: string;
  /** Sealed when stored; never returned. */
  client_secret?: string | undefined;
  /** Agents signing in for the first time with this provider get an account with this role; null: only existing users may. */
  auto_create_role: 'associate' | null;
  button_label: string;
}

export interface SecuritySettings {
  require_2fa_for_admins: boolean;
  oidc: (Omit<OidcSettings, 'client_secret'> & { client_secret_set: boolean }) | null;
}

async function settingsRow(db: Db) {
  return db.selectFrom('security_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function getSecuritySettings(ctx: Context): Promise<SecuritySettings> {
  const row = await settingsRow(ctx.db);
  const oidc = parseOidc(row?.oidc);
  return {
    require_2fa_for_admins: row?.require_2fa_for_admins ?? false,
    oidc: oidc
      ? {
          issuer: oidc.issuer,
          client_id: oidc.client_id,
          auto_create_role: oidc.auto_create_role,
          button_label: oidc.button_label,
          client_secret_set: !!oidc.client_secret,
        }
      : null,
  };
}

function parseOidc(value: unknown): OidcSettings | null {
  if (!value) return null;
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed as OidcSettings;
}

/** The provider settings with the client secret opened, for the sign-in flow. */
export async function oidcSettings(ctx: Context): Promise<OidcSettings | null> {
  const oidc = parseOidc((await settingsRow(ctx.db))?.oidc);
  if (!oidc) return null;
  return { ...oidc, client_secret: oidc.client_secret ? openSecret(ctx.config, oidc.client_secret) : undefined };
}

export async function updateSecuritySettings(
  ctx: Context,
  actor: Actor,
  input: {
    require_2fa_for_admins?: boolean | undefined;
    oidc?: (Omit<OidcSettings, 'client_secret'> & { client_secret?: string | undefined }) | null | undefined;
  },
): Promise<SecuritySettings> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('security_settings').selectAll().where('id', '=', 1).forUpdate().executeTakeFirst();
    const before = parseOidc(row?.oidc);
    let oidc: OidcSettings | null | undefined;
    if (input.oidc === null) oidc = null;
    else if (input.oidc) {
      const secret = input.oidc.client_secret !== undefined ? sealSecret(ctx.config, input.oidc.client_secret) : before?.client_secret;
      oidc = { ...input.oidc, client_secret: secret };
    }
    await trx
      .updateTable('security_settings')
      .set({
        ...(input.require_2fa_for_admins !== undefined ? { require_2fa_for_admins: input.require_2fa_for_admins } : {}),
        ...(oidc !== undefined ? { oidc: oidc === null ? null : JSON.stringify(oidc) } : {}),
        updated_at: now,
      })
      .where('id', '=', 1)
      .execute();
    await recordAudit(trx, actor, now, {
      action: 'security.settings_changed',
      entityType: 'security_settings',
      entityId: 1,
      after: { require_2fa_for_admins: input.require_2fa_for_admins, oidc_issuer: oidc === undefined ? undefined : (oidc?.issuer ?? null) },
    });
  });
  return getSecuritySettings(ctx);
}

// ─── lockout ─────────────────────────────────────────────────────────────────────────────────

async function securityRow(db: Db, userId: number) {
  return db.selectFrom('user_security').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

async function ensureRow(db: Db, userId: number) {
  await db
    .insertInto('user_security')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** Throws rate_limited while the account is locked. */
export async function assertNotLocked(ctx: Context, userId: number): Promise<void> {
  const row = await securityRow(ctx.db, userId);
  const now = ctx.clock.now();
  if (row?.locked_until && new Date(row.locked_until) > now) {
    const minutes = Math.max(1, Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 60_000));
    throw new AppError(
      'rate_limited',
      `This account is locked after repeated failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}

/** Counts a failed sign-in; from the threshold on, locks the account for 1, 2, 4 … up to 60 minutes. */
export async function recordFailedSignIn(ctx: Context, userId: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ensureRow(trx, userId);
    const row = await trx
      .selectFrom('user_security')
      .select('failed_attempts')
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const attempts = row.failed_attempts + 1;
    const over = attempts - LOCKOUT_THRESHOLD;
    const lockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** Math.min(over, 10))) : null;
    await trx
      .updateTable('user_security')
      .set({ failed_attempts: attempts, ...(lockedUntil ? { locked_until: lockedUntil } : {}) })
      .where('user_id', '=', userId)
      .execute();
    if (over === 0) {
      await recordAudit(trx, systemActor, now, {
        action: 'user.locked',
        entityType: 'user',
        entityId: userId,
        after: { locked_until: lockedUntil },
      });
    }
  });
}

export async function clearFailedSignIns(ctx: Context, userId: number): Promise<void> {
  await ctx.db.updateTable('user_security').set({ failed_attempts: 0, locked_until: null }).where('user_id', '=', userId).execute();
}

// ─── second step ─────────────────────────────────────────────────────────────────────────────

export type ChallengePurpose = 'two_factor' | 'enrol_two_factor' | 'oidc';

export async function createChallenge(ctx: Context, userId: number, purpose: ChallengePurpose) {
  const now = ctx.clock.now();
  const token = newSecret('flc');
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  await ctx.db.deleteFrom('sign_in_challenges').where('expires_at', '<', now).execute();
  await ctx.db
    .insertInto('sign_in_challenges')
    .values({ token_hash: hashSecret(token), user_id: userId, purpose, created_at: now, expires_at: expiresAt })
    .execute();
  return { challenge: token, expiresAt };
}

/** Finds a live challenge; throws invalid_credentials when it is unknown, expired, used up or for another purpose. */
export async function findChallenge(ctx: Context, token: string, purposes: ChallengePurpose[]) {
  const row = await ctx.db.selectFrom('sign_in_challenges').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!row || !purposes.includes(row.purpose) || new Date(row.expires_at) <= ctx.clock.now() || row.attempts >= CHALLENGE_MAX_ATTEMPTS) {
    throw new AppError('invalid_credentials', 'This sign-in step has expired or is not valid; sign in again.');
  }
  return row;
}

export async function countChallengeAttempt(ctx: Context, id: number): Promise<void> {
  await ctx.db
    .updateTable('sign_in_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function endChallenge(ctx: Context, id: number): Promise<void> {
  await ctx.db.deleteFrom('sign_in_challenges').where('id', '=', id).execute();
}

// ─── TOTP ────────────────────────────────────────────────────────────────────────────────────

export interface TwoFactorStatus {
  enabled: boolean;
  enabled_at: string | null;
  recovery_codes_left: number;
  required: boolean;
}

export async function twoFactorRequiredFor(ctx: Context, role: string): Promise<boolean> {
  if (role !== 'admin') return false;
  return (await settingsRow(ctx.db))?.require_2fa_for_admins ?? false;
}

export async function twoFactorEnabled(ctx: Context, userId: number): Promise<boolean> {
  return !!(await securityRow(ctx.db, userId))?.totp_enabled_at;
}

export async function twoFactorStatus(ctx: Context, userId: number, role: string): Promise<TwoFactorStatus> {
  const row = await securityRow(ctx.db, userId);
  return {
    enabled: !!row?.totp_enabled_at,
    enabled_at: row?.totp_enabled_at ? new Date(row.totp_enabled_at).toISOString() : null,
    recovery_codes_left: row?.totp_enabled_at ? row.recovery_codes.length : 0,
    required: await twoFactorRequiredFor(ctx, role),
  };
}

/** Starts (or restarts) enrolment: a new secret, kept pending until a code from it is confirmed. */
export async function beginEnrolment(ctx: Context, user: { id: number; email: string }) {
  const secret = generateSecret();
  await ensureRow(ctx.db, user.id);
  await ctx.db
    .updateTable('user_security')
    .set({ totp_pending_secret: sealSecret(ctx.config, secret) })
    .where('user_id', '=', user.id)
    .execute();
  const issuer = 'Frontline';
  return { secret, otpauth_uri: generateURI({ issuer, label: user.email, secret }) };
}

function epochOf(ctx: Context): number {
  return Math.floor(ctx.clock.now().getTime() / 1000);
}

async function checkTotp(ctx: Context, secret: string, code: string): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  try {
    const result = await verify({ secret, token: code, epoch: epochOf(ctx), epochTolerance: TOTP_STEP_SECONDS });
    return result.valid ? Math.floor((epochOf(ctx) + (result.delta ?? 0) * TOTP_STEP_SECONDS) / TOTP_STEP_SECONDS) : undefined;
  } catch {
    return undefined;
  }
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(8).toString('hex');
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  });
}

const hashCode = (code: string) => createHash('sha256').update(code.trim().toLowerCase()).digest('hex');

/** Confirms enrolment with a code from the pending secret; returns the recovery codes (shown once). Throws invalid_credentials. */
export async function confirmEnrolment(ctx: Context, actor: Actor, userId: number, code: string): Promise<string[]> {
  const row = await securityRow(ctx.db, userId);
  const pending = row?.totp_pending_secret ? openSecret(ctx.config, row.totp_pending_secret) : undefined;
  if (!pending) throw new AppError('unprocessable', 'Start two-factor enrolment first.');
  const step = await checkTotp(ctx, pending, code.trim());
  if (step === undefined) throw new AppError('invalid_credentials', 'That code is not right; check the time on your device and try again.');
  const codes = newRecoveryCodes();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_security')
      .set({
        totp_secret: sealSecret(ctx.config, pending),
        totp_pending_secret: null,
        totp_enabled_at: now,
        totp_last_step: step,
        recovery_codes: codes.map(hashCode),
      })
      .where('user_id', '=', userId)
      .execute();
    await recordAudit(trx, actor, now, { action: 'user.two_factor_enabled', entityType: 'user', entityId: userId });
  });
  return codes;
}

/** Checks a TOTP code (each time step once) or a recovery code (each once). */
export async function verifySecondFactor(ctx: Context, userId: number, code: string): Promise<'totp' | 'recovery' | undefined> {
  const row = await securityRow(ctx.db, userId);
  if (!row?.totp_secret || !row.totp_enabled_at) return undefined;
  const trimmed = code.trim();
  const step = await checkTotp(ctx, openSecret(ctx.config, row.totp_secret), trimmed);
  if (step !== undefined) {
    // A code that was already used (replay within its window) does not count.
    if (row.totp_last_step !== null && step <= Number(row.totp_last_step)) return undefined;
    await ctx.db.updateTable('user_security').set({ totp_last_step: step }).where('user_id', '=', userId).execute();
    return 'totp';
  }
  const hashed = hashCode(trimmed);
  const match = row.recovery_codes.find((stored) => safeEqual(stored, hashed));
  if (!match) return undefined;
  await ctx.db
    .updateTable('user_security')
    .set({ recovery_codes: row.recovery_codes.filter((stored) => stored !== match) })
    .where('user_id', '=', userId)
    .execute();
  return 'recovery';
}

export async function disableTwoFactor(ctx: Context, actor: Actor, userId: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_security')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, recovery_codes: [] })
      .where('user_id', '=', userId)
      .execute();
    await recordAudit(trx, actor, now, { action: 'user.two_factor_disabled', entityType: 'user', entityId: userId });
  });
}
