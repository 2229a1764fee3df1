import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Context } from '../../platform/context.ts';
import {
  forgetKeyrings,
  isSealed,
  KEY_FILE,
  keyId,
  newSecretKeyText,
  openWith,
  parseSecretKey,
  type SecretKeyring,
  sealWith,
  secretKeyring,
} from '../../platform/secrets.ts';

/** Every column that holds a credential the platform reads back; sealed at rest. */
export const sealedColumns = [
  { table: 'imap_mailboxes', column: 'password', key: 'id' },
  { table: 'webhook_subscriptions', column: 'secret', key: 'id' },
  { table: 'messaging_connections', column: 'secret', key: 'id' },
  { table: 'user_security', column: 'totp_secret', key: 'user_id' },
  { table: 'user_security', column: 'totp_pending_secret', key: 'user_id' },
] as const;

type AnyDb = Context['db'];

/**
 * Re-seals every stored credential under `to`, opening it with `from` (plain-text values, written
 * before sealing existed, are sealed as they are). Returns how many values were written.
 */
export async function resealAll(db: AnyDb, from: SecretKeyring, to: SecretKeyring, onlyPlain = false): Promise<number> {
  let count = 0;
  await db.transaction().execute(async (trx) => {
    const t = trx as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
    for (const { table, column, key } of sealedColumns) {
      const rows = (await t.selectFrom(table).select([key, column]).where(column, 'is not', null).execute()) as Record<string, unknown>[];
      for (const row of rows) {
        const stored = row[column] as string;
        if (onlyPlain && isSealed(stored)) continue;
        if (!onlyPlain && isSealed(stored) && stored.startsWith(`enc:v1:${to.current.id}:`)) continue;
        const sealed = sealWith(to, openWith(from, stored));
        await t
          .updateTable(table)
          .set({ [column]: sealed })
          .where(key, '=', row[key])
          .execute();
        count++;
      }
    }
  });
  return count;
}

/** At start-up: seals credentials stored in plain text by an earlier release. */
export async function sealPlainSecrets(ctx: Context): Promise<void> {
  const ring = secretKeyring(ctx.config);
  const sealed = await resealAll(ctx.db, ring, ring, true);
  if (sealed) ctx.log.info({ sealed }, 'sealed stored credentials that were in plain text');
}

/**
 * `frontline secrets rotate`: with FRONTLINE_SECRET_KEY set, re-seals everything under it (the old
 * key must be in FRONTLINE_SECRET_KEY_PREVIOUS); without it, makes a new key for the data
 * directory's key file, re-seals everything and then drops the old key from the file.
 */
export async function rotateSecrets(ctx: Context, config: Config): Promise<{ keyId: string; resealed: number }> {
  if (config.secretKey) {
    const ring = secretKeyring(config);
    const resealed = await resealAll(ctx.db, ring, ring);
    return { keyId: ring.current.id, resealed };
  }
  const file = path.join(config.dataDir, KEY_FILE);

  const fresh = newSecretKeyText();
  const oldLines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim());
  // New key first, old ones kept until everything is re-sealed, so a crash midway loses nothing.
  fs.writeFileSync(file, `${[fresh, ...oldLines].join('\n')}\n`, { mode: 0o600 });
  forgetKeyrings();
  const both = secretKeyring(config);
  const resealed = await resealAll(ctx.db, both, both);
  fs.writeFileSync(file, `${fresh}\n`, { mode: 0o600 });
  forgetKeyrings();
  return { keyId: keyId(parseSecretKey(fresh)), resealed };
}
