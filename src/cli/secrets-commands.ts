import type { Command } from 'commander';
import type { Config } from '../config.ts';

/** `frontline secrets …`: the key that seals stored credentials (see docs/security.md). */
export function registerSecretsCommands(program: Command, loadConfig: () => Config): void {
  const secrets = program.command('secrets').description('stored credentials (sealed with the secret key)');
  secrets
    .command('rotate')
    .description(
      're-seal every stored credential under the current key: FRONTLINE_SECRET_KEY (old key in FRONTLINE_SECRET_KEY_PREVIOUS), or a new key in the data directory',
    )
    .action(async () => {
      const { startRuntime } = await import('../bootstrap.ts');
      const { rotateSecrets } = await import('../modules/auth/stored-secrets.ts');
      const config = { ...loadConfig(), logLevel: 'warn' };
      const runtime = await startRuntime(config, { command: 'secrets rotate' });
      try {
        const result = await rotateSecrets(runtime.ctx, config);
        process.stdout.write(`Re-sealed ${result.resealed} stored credentials under key ${result.keyId}.\n`);
      } finally {
        await runtime.close();
      }
    });
}
