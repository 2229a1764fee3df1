import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-lock-'));

describe('the embedded data directory has one owner', () => {
  it('refuses a second owner while the first lives, naming the process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    await new Promise((resolve) => child.once('spawn', resolve));
    fs.writeFileSync(
      path.join(dir, 'frontline.lock'),
      JSON.stringify({ pid: child.pid, command: 'serve', port: 3000, started_at: '2026-01-01T00:00:00Z' }),
    );
    try {
      expect(() => lockDataDir(dir, 'user add')).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir, 'user add')).toThrow(new RegExp(`pid ${child.pid}, "frontline serve" serving http://127.0.0.1:3000`));
    } finally {
      child.kill();
    }
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'frontline.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'serve', started_at: 'x' }));
    const lock = lockDataDir(dir, 'migrate');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'frontline.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'frontline.lock'))).toBe(false);
  });
});
