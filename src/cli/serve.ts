import { buildApp } from '../app.ts';
import { startRuntime } from '../bootstrap.ts';
import type { Config } from '../config.ts';
import { ensureFirstAdmin } from './first-run.ts';
import { startChannels } from '../modules/channels/index.ts';

const knownRoles = new Set(['web', 'smtp', 'worker']);

/** Runs the service until SIGINT/SIGTERM, then finishes in-flight requests and closes the database. */
export async function serve(config: Config, options: { roles: string[]; demo: boolean }): Promise<void> {
  const unknown = options.roles.filter((role) => !knownRoles.has(role));
  if (unknown.length) throw new Error(`Unknown role ${unknown.join(', ')}; this version runs: ${[...knownRoles].join(', ')}`);
  // Workers run the job queue: SLA timers, automations, webhook deliveries (several processes may, on PostgreSQL).
  const worker = options.roles.includes('worker');
  const runtime = await startRuntime(config, { command: 'serve', worker });
  const { ctx } = runtime;
  const admin = await ensureFirstAdmin(ctx);
  let demoSummary: string | undefined;
  if (options.demo) {
    const { loadDemoIfEmpty } = await import('../demo/load-demo.ts');
    demoSummary = await loadDemoIfEmpty(ctx, { tickets: 400, seed: 42 });
  }
  const app = await buildApp(ctx);
  // The smtp role: inbound SMTP, IMAP polling and the outbound replies of the email and messaging channels.
  const channels = options.roles.includes('smtp') ? await startChannels(ctx, { smtp: true, imap: true }) : undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      ctx.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    try {
      await app.close();
      await channels?.close();
      await runtime.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  if (worker) await ctx.jobs.startWorkers();
  if (!options.roles.includes('web')) {
    process.stdout.write(
      `\nFrontline is running its ${options.roles.join(', ')} role on ${ctx.dbKind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}.\n\n`,
    );
    return;
  }

  const address = await app.listen({ port: config.port, host: config.host });
  runtime.handle.lock?.update({ port: config.port });
  const url = address.replace('0.0.0.0', '127.0.0.1');
  const database = ctx.dbKind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`;
  const lines = [`Frontline is running at ${url} on ${database}.`, `API docs: ${url}/api/docs`];
  if (channels?.smtpPort !== undefined) lines.push(`Support mail: SMTP on ${config.host}:${channels.smtpPort} for ${config.supportEmail}`);
  else if (channels) lines.push(`Support mail is off: ${channels.smtpError ?? 'SMTP did not start'}`);
  if (admin) {
    lines.push(
      '',
      'First run: an administrator was created.',
      `  Sign in at ${url} with ${admin.email} / ${admin.password}`,
      '  (this password is shown once; change it with: npx frontline user password --email admin@example.com)',
    );
    if (!demoSummary) {
      lines.push(
        '',
        'To explore with realistic data, stop Frontline (Ctrl+C) and run: npx frontline demo',
        'or start it with demo data: npm start -- --demo',
      );
    }
  }
  if (demoSummary) lines.push('', demoSummary);
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
