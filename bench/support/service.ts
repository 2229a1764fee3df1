import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningService {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** The first-run administrator, when this start created one. */
  admin: { email: string; password: string } | undefined;
  /** What the service printed (stdout and stderr), for error messages. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after the timeout). Resolves with the exit code or signal. */
  stop(timeoutMs?: number): Promise<string>;
}

export interface StartOptions {
  env: Record<string, string>;
  /** Node options placed before bin/frontline.js, e.g. --cpu-prof. */
  nodeArgs?: string[];
  port: number;
  startTimeoutMs?: number;
}

/** Starts `node bin/frontline.js serve` as a child process and waits until it listens. */
export async function startService(options: StartOptions): Promise<RunningService> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(repoRoot, 'bin/frontline.js'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  const exit = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ?? String(code);
      resolve(exited);
    });
  });

  const stop = async (timeoutMs = 15_000): Promise<string> => {
    if (exited !== undefined) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exit;
    } finally {
      clearTimeout(timer);
    }
  };

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the service did not start within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (/Frontline is running at /.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      void exit.then((how) => {
        clearTimeout(timer);
        reject(new Error(`the service exited (${how}) before it listened`));
      });
    });
  } catch (error) {
    await stop(2_000);
    throw new Error(`${(error as Error).message}; its output:\n${output.slice(-4_000)}`);
  }

  const signIn = /Sign in at \S+ with (\S+@\S+) \/ (\S+)/.exec(output);
  return {
    child,
    pid: child.pid as number,
    baseUrl: `http://127.0.0.1:${options.port}`,
    admin: signIn ? { email: signIn[1] as string, password: signIn[2] as string } : undefined,
    output: () => output,
    stop,
  };
}

async function expectJson(response: Response, what: string, status: number): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what} answered ${response.status}, expected ${status}: ${text.slice(0, 1_000)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Signs in over HTTP (POST /api/v1/session) and creates an API token (POST /api/v1/tokens) with the session. */
export async function createApiToken(baseUrl: string, credentials: { email: string; password: string }, name = 'bench'): Promise<string> {
  const session = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const signedIn = await expectJson(session, 'POST /api/v1/session', 200);
  const cookie = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${baseUrl}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': String(signedIn.csrf_token) },
    body: JSON.stringify({ name }),
  });
  const token = (await expectJson(created, 'POST /api/v1/tokens', 201)).token;
  if (typeof token !== 'string') throw new Error('POST /api/v1/tokens returned no token');
  return token;
}
