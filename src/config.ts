import path from 'node:path';
import { z } from 'zod';

/** The only reader of process.env: parsed once, frozen, passed in. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  FRONTLINE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  FRONTLINE_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  FRONTLINE_SUPPORT_EMAIL: z.string().email().default('support@localhost'),
  FRONTLINE_PUBLIC_URL: z.string().url().optional(),
  FRONTLINE_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  FRONTLINE_MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(20 * 1024 * 1024),
  FRONTLINE_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  FRONTLINE_SIGN_IN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  FRONTLINE_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SMTP_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  FRONTLINE_SECRET_KEY: z.string().min(32, 'must be 32 bytes as base64/hex or a passphrase of 32+ characters').optional(),
  FRONTLINE_SECRET_KEY_PREVIOUS: z.string().optional(),
  FRONTLINE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(12 * 60),
  FRONTLINE_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(14 * 24),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  smtpPort: number;
  supportEmail: string;
  publicUrl: string;
  secureCookies: 'auto' | 'always' | 'never';
  maxAttachmentBytes: number;
  bodyLimitBytes: number;
  signInLimitPerMinute: number;
  trustProxy: boolean;
  smtpUrl: string | undefined;
  logLevel: string;
  /** Seals stored credentials (see platform/secrets.ts); without it, a key file in the data directory. */
  secretKey?: string | undefined;
  previousSecretKeys?: readonly string[];
  /** A web session ends after this long without a request… */
  sessionIdleMinutes?: number;
  /** …and in any case this long after sign-in. */
  sessionMaxHours?: number;
}>;

export class ConfigError extends Error {}

/** Parses the environment once; lists every problem at once rather than the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.FRONTLINE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    smtpPort: e.FRONTLINE_SMTP_PORT,
    supportEmail: e.FRONTLINE_SUPPORT_EMAIL,
    publicUrl: e.FRONTLINE_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    secureCookies: ({ auto: 'auto', true: 'always', false: 'never' } as const)[e.FRONTLINE_SECURE_COOKIES],
    maxAttachmentBytes: e.FRONTLINE_MAX_ATTACHMENT_BYTES,
    bodyLimitBytes: e.FRONTLINE_BODY_LIMIT_BYTES,
    signInLimitPerMinute: e.FRONTLINE_SIGN_IN_LIMIT_PER_MINUTE,
    trustProxy: e.FRONTLINE_TRUST_PROXY === 'true',
    smtpUrl: e.SMTP_URL,
    logLevel: e.LOG_LEVEL,
    secretKey: e.FRONTLINE_SECRET_KEY,
    previousSecretKeys: (e.FRONTLINE_SECRET_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    sessionIdleMinutes: e.FRONTLINE_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.FRONTLINE_SESSION_MAX_HOURS,
  });
}

/** A configuration for tests and tools, without reading the environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({ LOG_LEVEL: 'silent' }), ...overrides });
}
