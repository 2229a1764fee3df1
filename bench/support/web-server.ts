/**
 * The service for the web bench: `frontline demo --tickets N` on a fresh embedded data directory,
 * then `frontline serve` on it (as test/e2e/server.ts does), with every step registered in the
 * bench's Cleanup so that a failure or Ctrl+C leaves no process and no directory behind.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Cleanup } from './cleanup.ts';
import { freePort, repoRoot, type RunningService, startService } from './service.ts';

export interface DemoService {
  service: RunningService;
  admin: { email: string; password: string };
  dataDir: string;
  demoSeconds: number;
  /** The last line the demo command printed about what it loaded. */
  demoSummary: string;
}

function runCli(args: string[], env: NodeJS.ProcessEnv, cleanup: Cleanup, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/frontline.js'), ...args], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    cleanup.add(`stop frontline ${args[0]}`, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`frontline ${args.join(' ')} exited with ${signal ?? code}:\n${output.slice(-4_000)}`));
    });
  });
}

export async function startDemoService(cleanup: Cleanup, tickets: number): Promise<DemoService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-bench-web-'));
  cleanup.add('remove the data directory', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = {
    FRONTLINE_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // Every cold load signs in again.
    FRONTLINE_SIGN_IN_LIMIT_PER_MINUTE: '1000',
  };
  // The embedded database, whatever the caller's environment says.
  const cliEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete cliEnv.DATABASE_URL;

  const started = performance.now();
  const demoOutput = await runCli(['demo', '--tickets', String(tickets)], cliEnv, cleanup, 180_000);
  const demoSeconds = (performance.now() - started) / 1000;
  // "Demo data loaded in … s (seed 42): … tickets … (new 3, open 6, …) with … history events." without the agents' list.
  const loaded = /Demo data loaded[\s\S]*?history events\./.exec(demoOutput)?.[0] ?? '';
  const demoSummary = loaded.replace(/\s+/g, ' ');

  const port = await freePort();
  // startService spreads process.env first; Node leaves variables whose value is undefined out of a child's environment.
  const service = await startService({
    port,
    env: { ...env, DATABASE_URL: undefined } as unknown as Record<string, string>,
  });
  cleanup.add('stop the service', () => service.stop());
  if (!service.admin) {
    throw new Error(`the service did not print the first administrator's credentials:\n${service.output().slice(-4_000)}`);
  }
  return { service, admin: service.admin, dataDir, demoSeconds, demoSummary };
}
