import type { Command } from 'commander';
import type { Config } from '../config.ts';

/** `frontline analytics …`: maintenance of the analytics rollups. */
export function registerAnalyticsCommands(program: Command, loadConfig: () => Config): void {
  const analytics = program.command('analytics').description('analytics maintenance');
  analytics
    .command('rebuild')
    .description('recompute the hourly analytics rollups from the raw tickets, calls and survey answers')
    .action(async () => {
      const { startRuntime } = await import('../bootstrap.ts');
      const { rebuildAnalyticsRollups } = await import('../modules/analytics/rollups.service.ts');
      const runtime = await startRuntime({ ...loadConfig(), logLevel: 'warn' }, { command: 'analytics rebuild' });
      try {
        const result = await rebuildAnalyticsRollups(runtime.ctx);
        process.stdout.write(`Rebuilt the analytics rollups: ${result.rows} rows in ${result.took_ms} ms.\n`);
      } finally {
        await runtime.close();
      }
    });
}
