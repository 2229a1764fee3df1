import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Context } from '../../platform/context.ts';

const run = promisify(execFile);

/** The text of every row of every table in every schema the application and its job queue use. */
export async function databaseText(ctx: Context): Promise<string> {
  const tables = await sql<{ table_schema: string; table_name: string }>`
    select table_schema, table_name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(ctx.db);
  const parts: string[] = [];
  for (const t of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(`${t.table_schema}.${t.table_name}`)} t`.execute(ctx.db);
    for (const r of rows.rows) parts.push(r.row);
  }
  return parts.join('\n');
}

/** A plain-format pg_dump of a PostgreSQL database (PostgreSQL only). */
export async function pgDumpText(databaseUrl: string): Promise<string> {
  const { stdout } = await run('pg_dump', ['--no-owner', '--dbname', databaseUrl], { maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

/** The bytes of every file under a directory, as one latin1 string (byte search). */
export async function directoryBytes(dir: string): Promise<string> {
  const parts: string[] = [];
  async function walk(current: string) {
    for (const entry of await fs.readdir(current, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) parts.push((await fs.readFile(full)).toString('latin1'));
    }
  }
  await walk(dir);
  return parts.join('\n');
}

/** Where a needle appears in a haystack: as text (any case) or as the hex of its UTF-8 bytes (bytea in text form). */
export function mentions(haystack: string, needle: string): boolean {
  const lower = haystack.toLowerCase();
  return lower.includes(needle.toLowerCase()) || lower.includes(Buffer.from(needle, 'utf8').toString('hex'));
}
