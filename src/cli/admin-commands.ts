import { randomBytes } from 'node:crypto';
import { startRuntime } from '../bootstrap.ts';
import type { Config } from '../config.ts';
import { issueToken } from '../modules/auth/index.ts';
import { createUser, findUserByEmail, updateUser } from '../modules/users/index.ts';
import type { Role } from '../db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { systemActor } from '../platform/context.ts';

const quietConfig = (config: Config): Config => ({ ...config, logLevel: 'warn' });

async function withRuntime<T>(
  config: Config,
  command: string,
  run: (ctx: Awaited<ReturnType<typeof startRuntime>>['ctx']) => Promise<T>,
): Promise<T> {
  const runtime = await startRuntime(quietConfig(config), { command });
  try {
    return await run(runtime.ctx);
  } finally {
    await runtime.close();
  }
}

export async function migrate(config: Config): Promise<void> {
  await withRuntime(config, 'migrate', async () => undefined);
  process.stdout.write('Database is up to date.\n');
}

export async function addUser(
  config: Config,
  options: { email: string; name: string; role: string; password?: string; tier?: number },
): Promise<void> {
  const password = options.password ?? randomBytes(12).toString('base64url');
  if (password.length < 10) throw new AppError('validation_failed', 'The password must have at least 10 characters.');
  const user = await withRuntime(config, 'user add', (ctx) =>
    createUser(ctx, systemActor, { email: options.email, name: options.name, role: options.role as Role, password, tier: options.tier }),
  );
  process.stdout.write(`Added ${user.role} ${user.name} <${user.email}> (id ${user.id}).\n`);
  if (!options.password) process.stdout.write(`Password: ${password}\n`);
}

export async function setPassword(config: Config, options: { email: string; password?: string }): Promise<void> {
  const password = options.password ?? randomBytes(12).toString('base64url');
  if (password.length < 10) throw new AppError('validation_failed', 'The password must have at least 10 characters.');
  await withRuntime(config, 'user password', async (ctx) => {
    const user = await findUserByEmail(ctx.db, options.email);
    if (!user) throw new AppError('user_not_found', `No user has the email ${options.email}.`);
    await updateUser(ctx, systemActor, user.id, { password });
  });
  process.stdout.write(options.password ? 'Password changed.\n' : `New password: ${password}\n`);
}

export async function createTokenCommand(config: Config, options: { email: string; name: string }): Promise<void> {
  const token = await withRuntime(config, 'token create', async (ctx) => {
    const user = await findUserByEmail(ctx.db, options.email);
    if (!user) throw new AppError('user_not_found', `No user has the email ${options.email}.`);
    if (!user.active) throw new AppError('unprocessable', `${options.email} is deactivated.`);
    return ctx.db.transaction().execute((trx) => issueToken(trx, systemActor, user.id, options.name, ctx.clock.now()));
  });
  process.stdout.write(`${token.token}\n`);
}

export async function demoCommand(config: Config, options: { tickets: number; seed: number }): Promise<void> {
  const { loadDemo } = await import('../demo/load-demo.ts');
  const summary = await withRuntime(config, 'demo', (ctx) => loadDemo(ctx, options));
  process.stdout.write(`${summary}\n`);
}
