import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite's files may be open in one process only. The owner writes its pid here;
 * a second process finds a live owner and stops with a message instead of corrupting the data.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    const where = owner.port ? ` serving http://127.0.0.1:${owner.port}` : '';
    super(
      `The data directory ${dataDir} is in use by another Frontline process (pid ${owner.pid}, "frontline ${owner.command}"${where}, since ${owner.started_at}).\n` +
        'The embedded database can be open in one process only. Either stop that process and run this command again, ' +
        'or do the same through its API (for example POST /api/v1/users or POST /api/v1/tokens with an admin token), ' +
        'or run Frontline on PostgreSQL (DATABASE_URL) to share the database between processes.',
    );
  }
}

export interface LockOwner {
  pid: number;
  command: string;
  port?: number | undefined;
  started_at: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  release(): void;
  update(fields: Partial<LockOwner>): void;
}

/** Takes the directory for this process, or throws DataDirLockedError naming the live owner. */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'frontline.lock');
  let owner: LockOwner = { pid: process.pid, command, started_at: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(owner), { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
        update(fields) {
          owner = { ...owner, ...fields };
          fs.writeFileSync(file, JSON.stringify(owner));
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readOwner(file);
      if (current && current.pid !== process.pid && isAlive(current.pid)) {
        throw new DataDirLockedError(dataDir, current);
      }
      // A stale lock from a process that died: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
