/**
 * Credentials the platform must read back are sealed at rest (AES-256-GCM): the stored bytes of
 * IMAP passwords, webhook secrets, messaging provider keys and TOTP seeds never contain the plain
 * text; values written by an earlier release are sealed at start-up; `frontline secrets rotate`
 * re-seals everything under a new key and the old key is no longer needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSecrets, sealPlainSecrets } from '../../src/modules/auth/stored-secrets.ts';
import { forgetKeyrings, isSealed, KEY_FILE, openSecret, parseSecretKey, sealSecret, secretKeyring } from '../../src/platform/secrets.ts';
import { api, makeUser, type TestUser } from '../factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../harness.ts';

let env: TestEnvironment;
let admin: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
});
afterAll(async () => {
  await env?.close();
});

/** Every stored value of the credential tables as text, the way a dump would show them. */
async function storedText(): Promise<string> {
  const parts: string[] = [];
  for (const table of ['imap_mailboxes', 'webhook_subscriptions', 'messaging_connections', 'user_security']) {
    const result = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(env.ctx.db);
    parts.push(...result.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('secrets at rest', () => {
  it('stores the IMAP password, the webhook and messaging secrets sealed, and still uses them', async () => {
    const mailbox = await api(env.app, 'POST', '/api/v1/channels/mailboxes', {
      as: admin,
      body: { name: 'Support', host: 'imap.example.com', username: 'support', password: 'imap-password-plain-7731' },
    });
    expect(mailbox.status).toBe(201);
    const webhook = await api(env.app, 'POST', '/api/v1/webhooks', {
      as: admin,
      body: { name: 'CRM', url: 'http://127.0.0.1:9/hook', event_types: ['ticket.created'] },
    });
    expect(webhook.status).toBe(201);
    const webhookSecret = webhook.body.secret as string;
    const connection = await api(env.app, 'POST', '/api/v1/channels/messaging-connections', {
      as: admin,
      body: { name: 'SMS', kind: 'sms' },
    });
    expect(connection.status).toBe(201);
    const connectionSecret = connection.body.secret as string;
    expect(webhookSecret.length).toBeGreaterThan(20);
    expect(connectionSecret.length).toBeGreaterThan(20);

    const text = await storedText();
    for (const plain of ['imap-password-plain-7731', webhookSecret, connectionSecret]) expect(text).not.toContain(plain);
    expect(text).toContain('enc:v1:');

    const row = await env.ctx.db.selectFrom('imap_mailboxes').select('password').executeTakeFirstOrThrow();
    expect(openSecret(env.ctx.config, row.password)).toBe('imap-password-plain-7731');
    // The connection's secret still verifies inbound messages signed with it.
    const { signBody } = await import('../../src/modules/channels/messaging/messaging.service.ts');
    const body = JSON.stringify({ from: { phone: '+15550100' }, text: 'hello', message_id: 'm-1' });
    const inbound = await env.app.inject({
      method: 'POST',
      url: `/api/v1/messaging/${connection.body.id}/inbound`,
      headers: { 'content-type': 'application/json', 'x-frontline-signature': signBody(connectionSecret, body) },
      payload: body,
    });
    expect(inbound.statusCode, inbound.body).not.toBe(401);
    const forged = await env.app.inject({
      method: 'POST',
      url: `/api/v1/messaging/${connection.body.id}/inbound`,
      headers: { 'content-type': 'application/json', 'x-frontline-signature': signBody('not-the-secret', body) },
      payload: body,
    });
    expect(forged.statusCode).toBe(401);
  });

  it('tampering with a sealed value is detected', () => {
    const sealed = sealSecret(env.ctx.config, 'some secret');
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => openSecret(env.ctx.config, flipped)).toThrow();
  });

  it('seals plain-text values left by an earlier release at start-up', async () => {
    await env.ctx.db.updateTable('imap_mailboxes').set({ password: 'legacy-plain-password' }).execute();
    await sealPlainSecrets(env.ctx);
    const row = await env.ctx.db.selectFrom('imap_mailboxes').select('password').executeTakeFirstOrThrow();
    expect(isSealed(row.password)).toBe(true);
    expect(openSecret(env.ctx.config, row.password)).toBe('legacy-plain-password');
  });

  it('rotates the key file: everything is re-sealed and opens with the new key alone', async () => {
    const file = path.join(env.ctx.config.dataDir, KEY_FILE);
    const oldKey = fs.readFileSync(file, 'utf8').trim();
    const before = await env.ctx.db.selectFrom('webhook_subscriptions').select('secret').executeTakeFirstOrThrow();
    const plain = openSecret(env.ctx.config, before.secret);
    const result = await rotateSecrets(env.ctx, env.ctx.config);
    expect(result.resealed).toBeGreaterThanOrEqual(3);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toBe(oldKey);
    const after = await env.ctx.db.selectFrom('webhook_subscriptions').select('secret').executeTakeFirstOrThrow();
    expect(after.secret).not.toBe(before.secret);
    expect(after.secret).toContain(`enc:v1:${result.keyId}:`);
    forgetKeyrings();
    expect(openSecret(env.ctx.config, after.secret)).toBe(plain);
    // The old key alone can no longer open it.
    const oldOnly = { dataDir: env.ctx.config.dataDir, secretKey: oldKey };
    expect(() => openSecret(oldOnly, after.secret)).toThrow(/not configured/);
  });

  it('rotates to a key from the environment, with the previous key named', async () => {
    const fileKey = fs.readFileSync(path.join(env.ctx.config.dataDir, KEY_FILE), 'utf8').trim();
    const newKey = 'a passphrase that is certainly longer than thirty-two characters';
    const config = { ...env.ctx.config, secretKey: newKey, previousSecretKeys: [fileKey] };
    const result = await rotateSecrets({ ...env.ctx, config }, config);
    expect(result.keyId).toBe(secretKeyring({ dataDir: '', secretKey: newKey }).current.id);
    const row = await env.ctx.db.selectFrom('messaging_connections').select('secret').executeTakeFirstOrThrow();
    expect(row.secret).toContain(`enc:v1:${result.keyId}:`);
    expect(openSecret({ dataDir: '', secretKey: newKey }, row.secret).length).toBeGreaterThan(20);
    expect(() => parseSecretKey('short')).toThrow();
  });
});
