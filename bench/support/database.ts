import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The admin connection string: BENCH_DATABASE_URL, else the local trust-auth server. */
export function adminUrl(): string {
  return process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
}

/** The same server and credentials, another database. */
export function urlForDatabase(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>`; drop() removes it even while clients are still connected. */
export async function createScratchDatabase(admin: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await withClient(admin, (client) => client.query(`create database "${name}"`));
  let dropped = false;
  return {
    name,
    url: urlForDatabase(admin, name),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(admin, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A few server settings that explain the figures (a commit waits for a WAL flush when synchronous_commit is on). */
export async function serverFacts(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const facts: Record<string, string> = {};
    const version = await client.query<{ server_version: string }>('show server_version');
    facts.server_version = version.rows[0]?.server_version ?? '?';
    for (const setting of ['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections']) {
      const result = await client.query(`show ${setting}`);
      facts[setting] = String(Object.values(result.rows[0] ?? {})[0] ?? '?');
    }
    return facts;
  });
}
