import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from './harness.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/frontline.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-cli-'));
const env = { ...process.env, FRONTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
delete (env as Record<string, string | undefined>).DATABASE_URL;

function frontline(args: string[], extraEnv: Record<string, string> = {}) {
  return run(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv }, timeout: 60_000 });
}

let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// The CLI is the same on both databases; these tests exercise the embedded one, where process ownership matters.
describe.skipIf(testDatabaseKind !== 'pglite')('the frontline command on the embedded database', () => {
  it('adds a user and prints only a token for them on a stopped data directory', async () => {
    const added = await frontline(['user', 'add', '--email', 'lee@example.com', '--name', 'Lee', '--role', 'customer']);
    expect(added.stdout).toMatch(/^Added customer Lee <lee@example.com> \(id \d+\)\.\nPassword: \S{10,}\n$/);
    const token = await frontline(['token', 'create', '--email', 'lee@example.com']);
    expect(token.stdout).toMatch(/^flt_[A-Za-z0-9_-]{43}\n$/);
  }, 60_000);

  it('explains bad arguments instead of failing obscurely', async () => {
    await expect(frontline(['user', 'add', '--email', 'x@example.com', '--name', 'X', '--role', 'wizard'])).rejects.toMatchObject({
      stderr: expect.stringContaining('must be one of customer, associate'),
    });
    await expect(frontline(['token', 'create', '--email', 'nobody@example.com'])).rejects.toMatchObject({
      stderr: expect.stringContaining('No user has the email nobody@example.com'),
    });
  }, 60_000);

  it('serves, and a second process on the same directory stops with a message naming the owner', async () => {
    const port = String(30_000 + Math.floor(Math.random() * 20_000));
    server = spawn(process.execPath, [bin, 'serve'], { env: { ...env, PORT: port } });
    let output = '';
    server.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 45_000);
      server?.stdout?.on('data', () => {
        if (output.includes('Frontline is running')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });

    const second = frontline(['user', 'add', '--email', 'kim@example.com', '--name', 'Kim', '--role', 'associate']);
    await expect(second).rejects.toMatchObject({
      code: 75,
      stderr: expect.stringMatching(
        new RegExp(`in use by another Frontline process \\(pid ${server.pid}, "frontline serve" serving http://127.0.0.1:${port}`),
      ),
    });

    const stopped = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await stopped).toBe(0);
    server = undefined;
    const after = await frontline(['user', 'add', '--email', 'kim@example.com', '--name', 'Kim', '--role', 'associate', '--tier', '2']);
    expect(after.stdout).toContain('Added associate Kim');
  }, 120_000);
});
