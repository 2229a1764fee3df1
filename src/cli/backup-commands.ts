import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { sql } from 'kysely';
import * as tar from 'tar';
import type { Config } from '../config.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { AppError } from '../platform/errors.ts';
import { KEY_FILE } from '../platform/secrets.ts';

const run = promisify(execFile);
const format = 'frontline-backup/1';

interface Manifest {
  format: string;
  created_at: string;
  database: 'pglite' | 'postgres';
}

/**
 * Everything in the data directory but the embedded database's own files, the lock and the secret
 * key: attachments and other stored files. The key stays out of the archive on purpose, so that a
 * stolen backup does not carry what opens its sealed columns; keep the key (or
 * FRONTLINE_SECRET_KEY) in a separate, safe place.
 */
async function fileEntries(dataDir: string): Promise<string[]> {
  const entries = await fs.readdir(dataDir).catch(() => [] as string[]);
  return entries.filter((name) => name !== 'pg' && name !== KEY_FILE && !name.endsWith('.lock') && !name.startsWith('.'));
}

async function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  try {
    await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT')
      throw new AppError('unprocessable', `${tool} is not on the PATH: install the PostgreSQL client tools (version 15 or later).`);
    throw new AppError('unprocessable', `${tool} failed: ${(err.stderr ?? err.message).trim().split('\n').slice(-3).join(' ')}`);
  }
}

/**
 * Writes one archive (.tar.gz) with the database — PGlite's data directory dump, or a pg_dump
 * custom-format dump of PostgreSQL — and the stored files (attachments) of the data directory.
 * On the embedded database, no other process may hold the data directory while it runs.
 */
export async function backup(config: Config, target: string): Promise<{ database: string; files: number; bytes: number }> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'frontline-backup-'));
  try {
    const database: Manifest['database'] = config.databaseUrl ? 'postgres' : 'pglite';
    await fs.mkdir(path.join(work, 'database'));
    if (config.databaseUrl) {
      await pgTool('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-acl',
        '--file',
        path.join(work, 'database', 'frontline.dump'),
        '--dbname',
        config.databaseUrl,
      ]);
    } else {
      const { openDatabase } = await import('../db/connection.ts');
      const handle = await openDatabase({ dataDir: config.dataDir, command: 'backup' });
      try {
        if (!handle.pglite) throw new AppError('internal_error', 'The embedded database is not open.');
        const dump = await handle.pglite.dumpDataDir('gzip');
        await fs.writeFile(path.join(work, 'database', 'pgdata.tar.gz'), Buffer.from(await dump.arrayBuffer()));
      } finally {
        await handle.close();
      }
    }
    const entries = await fileEntries(config.dataDir);
    await fs.mkdir(path.join(work, 'files'));
    let files = 0;
    for (const entry of entries) {
      await fs.cp(path.join(config.dataDir, entry), path.join(work, 'files', entry), { recursive: true });
    }
    for await (const _ of walk(path.join(work, 'files'))) files++;
    const manifest: Manifest = { format, created_at: new Date().toISOString(), database };
    await fs.writeFile(path.join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await fs.mkdir(path.dirname(path.resolve(target)), { recursive: true });
    await tar.create({ gzip: true, file: target, cwd: work, portable: true }, ['manifest.json', 'database', 'files']);
    const { size } = await fs.stat(target);
    return { database, files, bytes: size };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/**
 * Restores an archive made by `backup` into the configured database and data directory, replacing
 * what is there. Refuses a non-empty target unless `force`, and an archive of the other database kind.
 */
export async function restore(
  config: Config,
  source: string,
  options: { force?: boolean } = {},
): Promise<{ database: string; files: number }> {
  await fs.access(source).catch(() => {
    throw new AppError('not_found', `No backup file at ${source}.`);
  });
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'frontline-restore-'));
  try {
    try {
      await tar.extract({ file: source, cwd: work, strict: true });
    } catch {
      throw new AppError('validation_failed', `${source} is not a Frontline backup (not a readable .tar.gz).`);
    }
    const manifest = JSON.parse(await fs.readFile(path.join(work, 'manifest.json'), 'utf8').catch(() => '{}')) as Partial<Manifest>;
    if (manifest.format !== format) throw new AppError('validation_failed', `${source} is not a Frontline backup (no ${format} manifest).`);
    const kind = config.databaseUrl ? 'postgres' : 'pglite';
    if (manifest.database !== kind) {
      throw new AppError('validation_failed', `This backup holds a ${manifest.database} database; the configured database is ${kind}.`);
    }
    if (!options.force && (await databaseHasData(config))) {
      throw new AppError('conflict', 'The target database is not empty; pass --force to replace it.');
    }
    if (config.databaseUrl) {
      const url = config.databaseUrl;
      await run('psql', [
        '--quiet',
        '--dbname',
        url,
        '-c',
        'drop schema if exists pgboss cascade; drop schema public cascade; create schema public;',
      ]).catch((error: Error) => {
        throw new AppError('unprocessable', `Could not clear the database: ${error.message}`);
      });
      await pgTool('pg_restore', [
        '--no-owner',
        '--no-acl',
        '--exit-on-error',
        '--dbname',
        url,
        path.join(work, 'database', 'frontline.dump'),
      ]);
    } else {
      const pgDir = path.join(config.dataDir, 'pg');
      const dump = await fs.readFile(path.join(work, 'database', 'pgdata.tar.gz'));
      // The data directory's lock is held while its database is replaced: no server may have it open.
      const lock = lockDataDir(config.dataDir, 'restore');
      try {
        await fs.rm(pgDir, { recursive: true, force: true });
        await fs.mkdir(pgDir, { recursive: true });
        const { PGlite } = await import('@electric-sql/pglite');
        const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
        const pglite = await PGlite.create({ dataDir: pgDir, extensions: { pg_trgm }, loadDataDir: new Blob([dump]) });
        await pglite.query('select 1');
        await pglite.close();
      } finally {
        lock.release();
      }
    }
    for (const entry of await fileEntries(config.dataDir)) await fs.rm(path.join(config.dataDir, entry), { recursive: true, force: true });
    let files = 0;
    const filesDir = path.join(work, 'files');
    for (const entry of await fs.readdir(filesDir).catch(() => [] as string[])) {
      await fs.cp(path.join(filesDir, entry), path.join(config.dataDir, entry), { recursive: true });
    }
    for await (const _ of walk(filesDir)) files++;
    return { database: kind, files };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function databaseHasData(config: Config): Promise<boolean> {
  if (!config.databaseUrl) {
    const entries = await fs.readdir(path.join(config.dataDir, 'pg')).catch(() => [] as string[]);
    return entries.length > 0;
  }
  const { openDatabase } = await import('../db/connection.ts');
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  try {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(handle.db);
    return (rows[0]?.n ?? 0) > 0;
  } finally {
    await handle.close();
  }
}

/** `frontline backup <file>` and `frontline restore <file>`. */
export function registerBackupCommands(program: Command, loadConfig: () => Config): void {
  program
    .command('backup')
    .argument('<file>', 'the archive to write (.tar.gz)')
    .description('back up the database (PGlite data directory or pg_dump) and the stored files into one archive')
    .action(async (file: string) => {
      const result = await backup(loadConfig(), file);
      process.stdout.write(`Backed up the ${result.database} database and ${result.files} files to ${file} (${result.bytes} bytes).\n`);
      process.stdout.write(
        `The secret key (${KEY_FILE} in the data directory, or FRONTLINE_SECRET_KEY) is not in the archive: keep a copy of it apart, since a restore needs it to open stored credentials.\n`,
      );
    });
  program
    .command('restore')
    .argument('<file>', 'an archive written by frontline backup')
    .option('--force', 'replace a database that is not empty')
    .description('restore the database and stored files from a backup archive (stop the server first)')
    .action(async (file: string, options: { force?: boolean }) => {
      const result = await restore(loadConfig(), file, options);
      process.stdout.write(`Restored the ${result.database} database and ${result.files} files from ${file}.\n`);
    });
}
