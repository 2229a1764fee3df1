import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

let env: TestEnvironment;
let agent: TestUser;
let customer: TestUser;
let ticketId: number;

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

function multipart(filename: string, contentType: string, data: Buffer) {
  const boundary = '----frontline-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(as: TestUser, id: number, filename: string, contentType: string, data: Buffer) {
  const body = multipart(filename, contentType, data);
  const response = await env.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/attachments`,
    payload: body.payload,
    headers: { ...as.auth, ...body.headers },
  });
  return { status: response.statusCode, body: response.json() };
}

beforeAll(async () => {
  env = await createTestEnvironment({ maxAttachmentBytes: 1024 });
  agent = await makeUser(env.ctx, 'associate');
  customer = await makeUser(env.ctx, 'customer');
  ticketId = (await api(env.app, 'POST', '/api/v1/tickets', { as: customer, body: { subject: 'Screenshot', description: 'See attached' } }))
    .body.id;
});
afterAll(() => env.close());

describe('attachments', () => {
  it('stores a file, attaches it to a reply and serves it back to the customer', async () => {
    const uploaded = await upload(customer, ticketId, 'screen shot.png', 'image/png', png);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ filename: 'screen shot.png', content_type: 'image/png', size_bytes: png.length });
    const comment = await api(env.app, 'POST', `/api/v1/tickets/${ticketId}/comments`, {
      as: customer,
      body: { body: 'here', attachment_ids: [uploaded.body.id] },
    });
    expect(comment.body.attachments).toEqual([
      expect.objectContaining({ id: uploaded.body.id, url: `/api/v1/attachments/${uploaded.body.id}` }),
    ]);
    const download = await env.app.inject({ method: 'GET', url: `/api/v1/attachments/${uploaded.body.id}`, headers: customer.auth });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(png)).toBe(true);
    const reuse = await api(env.app, 'POST', `/api/v1/tickets/${ticketId}/comments`, {
      as: customer,
      body: { body: 'again', attachment_ids: [uploaded.body.id] },
    });
    expect(reuse.status).toBe(400);
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = await upload(agent, ticketId, 'big.png', 'image/png', Buffer.concat([png, Buffer.alloc(2048)]));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
  });

  it('refuses types it does not accept and content that is not what it claims, with 415', async () => {
    const exe = await upload(agent, ticketId, 'tool.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00'));
    expect(exe.status).toBe(415);
    const fake = await upload(agent, ticketId, 'invoice.pdf', 'application/pdf', Buffer.from('MZ this is not a pdf'));
    expect(fake.status).toBe(415);
    expect(fake.body.detail).toMatch(/not application\/pdf/);
  });

  it('hides files on internal notes from the customer', async () => {
    const uploaded = await upload(agent, ticketId, 'log.txt', 'text/plain', Buffer.from('stack trace'));
    await api(env.app, 'POST', `/api/v1/tickets/${ticketId}/comments`, {
      as: agent,
      body: { body: 'internal log', public: false, attachment_ids: [uploaded.body.id] },
    });
    const asCustomer = await env.app.inject({ method: 'GET', url: `/api/v1/attachments/${uploaded.body.id}`, headers: customer.auth });
    expect(asCustomer.statusCode).toBe(404);
    const asAgent = await env.app.inject({ method: 'GET', url: `/api/v1/attachments/${uploaded.body.id}`, headers: agent.auth });
    expect(asAgent.body).toBe('stack trace');
  });

  it('answers 415 to a non-multipart upload and 400 to one without a file', async () => {
    const json = await api(env.app, 'POST', `/api/v1/tickets/${ticketId}/attachments`, { as: agent, body: { file: 'x' } });
    expect(json.status).toBe(415);
  });
});

describe('attachments before the ticket exists', () => {
  it('lets a customer upload first and open the request with the file, which only they could use', async () => {
    const body = multipart('order.pdf', 'application/pdf', Buffer.from('%PDF-1.4 test'));
    const upload = await env.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      payload: body.payload,
      headers: { ...customer.auth, ...body.headers },
    });
    expect(upload.statusCode).toBe(201);
    const id = upload.json().id;
    const other = await makeUser(env.ctx, 'customer');
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/attachments/${id}`, headers: other.auth })).statusCode).toBe(404);
    const stolen = await api(env.app, 'POST', '/api/v1/tickets', {
      as: other,
      body: { subject: 'Mine', description: 'x', attachment_ids: [id] },
    });
    expect(stolen.status).toBe(400);
    const created = await api(env.app, 'POST', '/api/v1/tickets', {
      as: customer,
      body: { subject: 'Order', description: 'see file', attachment_ids: [id] },
    });
    expect(created.status).toBe(201);
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${created.body.id}/comments`, { as: agent });
    expect(comments.body.data[0].attachments).toEqual([expect.objectContaining({ id, filename: 'order.pdf' })]);
  });
});
