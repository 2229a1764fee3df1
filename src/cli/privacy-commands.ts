import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { AppError } from '../platform/errors.ts';

function customerId(value: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new AppError('validation_failed', `"${value}" is not a customer id.`);
  return Number(value);
}

/** `frontline privacy export|erase|retention`: data-subject requests and retention from the command line. */
export function registerPrivacyCommands(program: Command, loadConfig: () => Config): void {
  const privacy = program.command('privacy').description('data-subject requests (GDPR) and retention');
  const withRuntime = async <T>(command: string, work: (ctx: import('../platform/context.ts').Context) => Promise<T>): Promise<T> => {
    const { startRuntime } = await import('../bootstrap.ts');
    const runtime = await startRuntime({ ...loadConfig(), logLevel: 'warn' }, { command });
    try {
      return await work(runtime.ctx);
    } finally {
      await runtime.close();
    }
  };
  privacy
    .command('export')
    .argument('<customer-id>', 'the customer')
    .argument('<file>', 'the archive to write (.tar.gz)')
    .description('subject access export: everything stored about a customer, as JSON plus their files, in one archive')
    .action(async (id: string, file: string) => {
      const { exportCustomer } = await import('../modules/privacy/index.ts');
      const { systemActor } = await import('../platform/context.ts');
      const result = await withRuntime('privacy export', (ctx) => exportCustomer(ctx, systemActor, customerId(id), file));
      process.stdout.write(`Exported customer ${id}: ${result.tickets} tickets, ${result.files} files, to ${file}.\n`);
    });
  privacy
    .command('erase')
    .argument('<customer-id>', 'the customer')
    .requiredOption('--yes', 'confirm: erasure cannot be undone')
    .description('erase a customer everywhere, keeping the figures (ticket counts, scores) and an audit entry')
    .action(async (id: string) => {
      const { eraseCustomer, compactAfterErasure } = await import('../modules/privacy/index.ts');
      const { systemActor } = await import('../platform/context.ts');
      const result = await withRuntime('privacy erase', async (ctx) => {
        const erased = await eraseCustomer(ctx, systemActor, customerId(id));
        await compactAfterErasure(ctx);
        return erased;
      });
      process.stdout.write(
        `Erased customer ${id}: ${result.tickets} tickets, ${result.attachments_removed} attachments. Audit reference ${result.reference}.\n`,
      );
    });
  privacy
    .command('retention')
    .description('apply the retention policies now (they also run daily)')
    .action(async () => {
      const { runRetention } = await import('../modules/privacy/index.ts');
      const run = await withRuntime('privacy retention', (ctx) => runRetention(ctx));
      process.stdout.write(
        `Retention run ${run.id}: ${run.tickets_deleted} deleted, ${run.tickets_anonymised} anonymised, ${run.tickets_held} held.\n`,
      );
    });
}
