import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Context } from './platform/context.ts';
import { createLogger, type Logger } from './platform/logging.ts';
import { createMailer } from './platform/mail.ts';
import { openRealtimeBus } from './platform/realtime.ts';
import { openJobs } from './platform/jobs.ts';
import { registerBackgroundWork } from './modules/index.ts';
import { ConfigCache } from './platform/cache.ts';

export interface Runtime {
  ctx: Context;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the database (taking the embedded data directory for this process), migrates it, and builds the Context. */
export async function startRuntime(
  config: Config,
  options: { command: string; clock?: Clock; log?: Logger; migrate?: boolean; worker?: boolean } = { command: 'serve' },
): Promise<Runtime> {
  const log = options.log ?? createLogger(config.logLevel);
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    command: options.command,
  });
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(handle.db);
      if (applied.length) log.info({ migrations: applied }, 'database migrated');
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  const realtime = await openRealtimeBus(handle, log);
  const jobs = await openJobs({
    db: handle.db,
    kind: handle.kind,
    pglite: handle.pglite,
    databaseUrl: handle.databaseUrl,
    log,
    worker: options.worker === true,
  });
  const ctx: Context = {
    config,
    db: handle.db,
    dbKind: handle.kind,
    clock: options.clock ?? systemClock,
    log,
    realtime,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.supportEmail, log }),
    cache: new ConfigCache().listen(realtime, log),
    jobs,
  };
  await registerBackgroundWork(ctx);
  return {
    ctx,
    handle,
    async close() {
      await jobs.stop();
      ctx.cache.close();
      await realtime.close();
      await handle.close();
    },
  };
}
