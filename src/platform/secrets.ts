import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

/** A high-entropy bearer secret with a readable prefix: the prefix is shown in lists, never the rest. */
export function newSecret(prefix: 'flt' | 'fls' | 'flc'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are 256-bit random, so a fast hash is safe for storage and lookup; passwords use argon2id. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const argonOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check so that unknown accounts cannot be told apart by timing.
    await hash(password, argonOptions);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// ─── secrets at rest ─────────────────────────────────────────────────────────────────────────
//
// Credentials the platform must be able to read back (IMAP passwords, webhook signing secrets,
// messaging provider keys, TOTP seeds) are sealed with AES-256-GCM before they are stored:
// `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url). The key comes from FRONTLINE_SECRET_KEY
// (32 bytes as base64 or hex, or any passphrase of 32+ characters, hashed); without it, a key file
// `secret.key` in the data directory is created on first use (mode 0600) and kept. Older keys named in
// FRONTLINE_SECRET_KEY_PREVIOUS (comma-separated), or on the key file's later lines, still open what
// they sealed, so that `frontline secrets rotate` can re-seal everything under the current key.

const SEALED_PREFIX = 'enc:v1:';
export const KEY_FILE = 'secret.key';

export interface SecretKeyring {
  current: { id: string; key: Buffer };
  all: Map<string, Buffer>;
}

export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  if (decoded.length === 32 && /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return decoded;
  if (trimmed.length >= 32) return createHash('sha256').update(trimmed).digest();
  throw new Error('A secret key must be 32 bytes in base64 or hex, or a passphrase of at least 32 characters.');
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function newSecretKeyText(): string {
  return randomBytes(32).toString('base64url');
}

function keyring(keys: Buffer[]): SecretKeyring {
  const [first] = keys;
  if (!first) throw new Error('No secret key');
  return { current: { id: keyId(first), key: first }, all: new Map(keys.map((key) => [keyId(key), key])) };
}

const keyrings = new Map<string, SecretKeyring>();

/** The keyring for a configuration: the environment's key, or the data directory's key file (created if missing). */
export function secretKeyring(config: {
  secretKey?: string | undefined;
  previousSecretKeys?: readonly string[];
  dataDir: string;
}): SecretKeyring {
  const cacheKey = `${config.secretKey ?? ''}|${(config.previousSecretKeys ?? []).join(',')}|${config.dataDir}`;
  const cached = keyrings.get(cacheKey);
  if (cached) return cached;
  let texts: string[];
  if (config.secretKey) {
    texts = [config.secretKey, ...(config.previousSecretKeys ?? [])];
  } else {
    const file = path.join(config.dataDir, KEY_FILE);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      try {
        fs.writeFileSync(file, `${newSecretKeyText()}\n`, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    texts = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim());
  }
  const ring = keyring(texts.map(parseSecretKey));
  keyrings.set(cacheKey, ring);
  return ring;
}

/** Forgets cached keyrings (after a rotation rewrote the key file). */
export function forgetKeyrings(): void {
  keyrings.clear();
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

export function sealWith(ring: SecretKeyring, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  cipher.setAAD(Buffer.from(ring.current.id));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${SEALED_PREFIX}${ring.current.id}:${iv.toString('base64url')}:${tag.toString('base64url')}:${body.toString('base64url')}`;
}

/** Opens a sealed value; a value stored before sealing existed (plain text) is returned as it is. */
export function openWith(ring: SecretKeyring, stored: string): string {
  if (!isSealed(stored)) return stored;
  const [id, iv, tag, body] = stored.slice(SEALED_PREFIX.length).split(':');
  const key = id ? ring.all.get(id) : undefined;
  if (!key || iv === undefined || tag === undefined || body === undefined) {
    throw new Error(`A stored secret was sealed with key ${id ?? '?'}, which is not configured (FRONTLINE_SECRET_KEY / _PREVIOUS).`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(id as string));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

type KeyConfig = Parameters<typeof secretKeyring>[0];

export function sealSecret(config: KeyConfig, plaintext: string): string {
  return sealWith(secretKeyring(config), plaintext);
}

export function openSecret(config: KeyConfig, stored: string): string {
  return openWith(secretKeyring(config), stored);
}
