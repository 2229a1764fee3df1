import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { AppError } from './platform/errors.ts';
import { roles } from './platform/permissions.ts';
import { registerAnalyticsCommands } from './cli/analytics-commands.ts';
import { registerSecretsCommands } from './cli/secrets-commands.ts';
import { registerPrivacyCommands } from './cli/privacy-commands.ts';
import { registerBackupCommands } from './cli/backup-commands.ts';

const program = new Command('frontline')
  .description('Frontline: the customer service platform. Honours PORT, FRONTLINE_DATA_DIR and DATABASE_URL.')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the service: HTTP API and web app (and, as they arrive, SMTP and workers)')
  .option(
    '--role <roles>',
    'comma-separated roles to run in this process: web (HTTP), worker (jobs, schedules, automations), smtp (inbound mail, IMAP polling, outbound replies)',
    'web,worker,smtp',
  )
  .option('--demo', 'load the demo data first if the database has no tickets')
  .action(async (options: { role: string; demo?: boolean }) => {
    const { serve } = await import('./cli/serve.ts');
    await serve(loadConfig(), { roles: options.role.split(',').map((r) => r.trim()), demo: options.demo === true });
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const { migrate } = await import('./cli/admin-commands.ts');
    await migrate(loadConfig());
  });

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('add a user; prints a generated password when none is given')
  .requiredOption('--email <email>', 'email address')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--role <role>', `one of ${roles.join(', ')}`, (value) => {
    if (!(roles as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${roles.join(', ')}`);
    return value;
  })
  .option('--password <password>', 'password (at least 10 characters)')
  .option('--tier <tier>', 'agent tier 1-3', (value) => {
    const tier = Number(value);
    if (![1, 2, 3].includes(tier)) throw new InvalidArgumentError('must be 1, 2 or 3');
    return tier;
  })
  .action(async (options) => {
    const { addUser } = await import('./cli/admin-commands.ts');
    await addUser(loadConfig(), options);
  });
user
  .command('password')
  .description('set a new password for a user; prints it when none is given')
  .requiredOption('--email <email>', 'email address')
  .option('--password <password>', 'the new password (at least 10 characters)')
  .action(async (options) => {
    const { setPassword } = await import('./cli/admin-commands.ts');
    await setPassword(loadConfig(), options);
  });

program
  .command('token')
  .description('API tokens')
  .command('create')
  .description('create an API token for a user and print only the token')
  .requiredOption('--email <email>', 'the user the token acts as (any role, customers included)')
  .option('--name <name>', 'a name to recognise the token by', 'cli')
  .action(async (options) => {
    const { createTokenCommand } = await import('./cli/admin-commands.ts');
    await createTokenCommand(loadConfig(), options);
  });

program
  .command('demo')
  .description('load realistic demo data: agents in three tiers, customers, organizations, the taxonomy and tickets with histories')
  .option(
    '--tickets <count>',
    'number of tickets',
    (value) => {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new InvalidArgumentError('must be 1 to 100000');
      return count;
    },
    400,
  )
  .option('--seed <seed>', 'random seed, for the same data every time', (value) => Number(value), 42)
  .action(async (options: { tickets: number; seed: number }) => {
    const { demoCommand } = await import('./cli/admin-commands.ts');
    await demoCommand(loadConfig(), options);
  });

const wfm = program.command('wfm').description('workforce management');
wfm
  .command('staffing')
  .description(
    'agents needed for an X/Y service-level target in one interval (Erlang C; Erlang A with --patience-seconds), and FTE after shrinkage',
  )
  .requiredOption('--volume <calls>', 'calls offered in the interval')
  .requiredOption('--aht-seconds <seconds>', 'average handling time, seconds')
  .option('--interval-minutes <minutes>', 'length of the interval, minutes', '30')
  .option('--target-service-level <share>', 'X of X/Y: share of calls to answer within --target-seconds, between 0 and 1', '0.8')
  .option('--target-seconds <seconds>', 'Y of X/Y: the answer-time target, seconds', '20')
  .option('--patience-seconds <seconds>', 'mean caller patience; switches to Erlang A (with abandonment)')
  .option('--shrinkage <share>', 'share of paid time off the phones, in [0, 1)', '0.3')
  .option('--max-occupancy <share>', 'occupancy cap, in (0, 1]')
  .option('--json', 'print JSON (the fields of POST /api/v1/wfm/staffing)')
  .action(async (options) => {
    const { staffingCommand } = await import('./modules/wfm/index.ts');
    staffingCommand(options);
  });

registerAnalyticsCommands(program, loadConfig);
registerSecretsCommands(program, loadConfig);
registerPrivacyCommands(program, loadConfig);
registerBackupCommands(program, loadConfig);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof AppError) {
    process.stderr.write(`frontline: ${error.message}\n`);
    process.exit(error instanceof DataDirLockedError ? 75 : 1);
  }
  throw error;
}
