import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = path.resolve('bin/frontline.js');

export interface RunningServer {
  url: string;
  dataDir: string;
  admin: { email: string; password: string };
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the real service as a user would (`frontline serve`) on a fresh embedded data directory,
 * optionally after running CLI commands on it (demo data), and reads the first-run admin credentials
 * from what it prints.
 */
export async function startServer(options: { before?: string[][]; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    FRONTLINE_DATA_DIR: dataDir,
    PORT: String(port),
    // Its own inbound mail port too, so that servers of several runs never collide.
    FRONTLINE_SMTP_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    FRONTLINE_SIGN_IN_LIMIT_PER_MINUTE: '1000',
    ...options.env,
  };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  for (const args of options.before ?? []) await run(process.execPath, [bin, ...args], { env, timeout: 180_000 });
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], { env });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${output}`)), 120_000);
    const check = () => {
      if (output.includes('Frontline is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}:\n${output}`)));
  });
  const credentials = /Sign in at \S+ with (\S+) \/ (\S+)/.exec(output);
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    admin: { email: credentials?.[1] ?? 'admin@example.com', password: credentials?.[2] ?? '' },
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ApiCall = <T = any>(method: string, url: string, body?: unknown) => Promise<T>;

/** Signs in as the first-run admin, makes an API token, and returns a JSON caller that throws on any non-2xx. */
export async function adminApi(server: RunningServer): Promise<ApiCall> {
  const session = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(server.admin),
  });
  const cookie = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrf_token } = (await session.json()) as { csrf_token: string };
  const created = await fetch(`${server.url}/api/v1/tokens`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'e2e' }),
  });
  const { token } = (await created.json()) as { token: string };
  return async (method, url, body) => {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json();
  };
}
