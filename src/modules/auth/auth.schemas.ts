import { z } from 'zod';
import { id } from '../../platform/schemas.ts';
import { userSchema } from '../users/index.ts';

export const signInBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const sessionSchema = z.object({
  user: userSchema,
  csrf_token: z.string().describe('send as the x-csrf-token header on POST, PATCH, PUT and DELETE'),
  expires_at: z.string(),
});

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  user_id: id.optional().describe('admins may create a token for another user; defaults to yourself'),
});

export const tokenSchema = z.object({
  id,
  user_id: z.number(),
  name: z.string(),
  prefix: z.string().describe('the first characters of the token, to recognise it'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const createdTokenSchema = tokenSchema.extend({
  token: z.string().describe('shown once; store it now'),
});

export const listTokensQuery = z.object({
  user_id: z.coerce.number().int().positive().optional(),
});

export const challengeSchema = z.object({
  status: z.enum(['two_factor_required', 'two_factor_enrolment_required']),
  challenge: z.string().describe('send it back with the code (or to enrol) within its lifetime'),
  expires_at: z.string(),
});

const code = z.string().trim().min(6).max(40).describe('six digits from the authenticator app, or a recovery code');

export const twoFactorBody = z.strictObject({ challenge: z.string().min(1).max(200), code });
export const challengeBody = z.strictObject({ challenge: z.string().min(1).max(200) });
export const enrolmentSchema = z.object({
  secret: z.string().describe('base32; type it into the app if the QR code cannot be scanned'),
  otpauth_uri: z.string().describe('otpauth://totp/… — show it as a QR code'),
});
export const confirmBody = z.strictObject({ code });
export const recoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()).describe('shown once; each works once') });
export const sessionWithCodesSchema = sessionSchema.extend({ recovery_codes: z.array(z.string()) });

export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  enabled_at: z.string().nullable(),
  recovery_codes_left: z.number(),
  required: z.boolean().describe('the security policy requires two-factor for this account'),
});
export const disableTwoFactorBody = z.strictObject({ password: z.string().min(1).max(200) });

export const changePasswordBody = z.strictObject({
  current_password: z.string().min(1).max(200),
  new_password: z.string().min(1).max(200),
});
export const changedPasswordSchema = z.object({
  csrf_token: z.string().nullable().describe('the new session’s CSRF token when changed from the web app'),
  expires_at: z.string().nullable(),
});

export const securitySettingsSchema = z.object({
  require_2fa_for_admins: z.boolean(),
  oidc: z
    .object({
      issuer: z.string(),
      client_id: z.string(),
      client_secret_set: z.boolean(),
      auto_create_role: z.enum(['associate']).nullable(),
      button_label: z.string(),
    })
    .nullable(),
});

export const updateSecuritySettingsBody = z.strictObject({
  require_2fa_for_admins: z.boolean().optional(),
  oidc: z
    .strictObject({
      issuer: z.url().max(500),
      client_id: z.string().trim().min(1).max(200),
      client_secret: z.string().min(1).max(500).optional().describe('write-only; kept when omitted'),
      auto_create_role: z.enum(['associate']).nullable().default(null),
      button_label: z.string().trim().min(1).max(60).default('Sign in with single sign-on'),
    })
    .nullable()
    .optional(),
});
