import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../../test/harness.ts';
import { createCustomer, createOrganization } from '../../customers/index.ts';
import { systemActor } from '../../../platform/context.ts';
import { SimulatedTelephony } from './telephony.ts';

let env: TestEnvironment;
let agent: TestUser;
let customerUser: TestUser;
let phone: SimulatedTelephony;

beforeAll(async () => {
  env = await createTestEnvironment();
  agent = await makeUser(env.ctx, 'associate');
  customerUser = await makeUser(env.ctx, 'customer');
  phone = new SimulatedTelephony(async (payload) => {
    const response = await api(env.app, 'POST', '/api/v1/voice/events', { as: agent, body: payload });
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }, env.clock);
});

afterAll(async () => {
  await env?.close();
});

describe('voice calls', () => {
  it('answers a ringing call with the caller context: customer, organization, tier, open tickets and last contacts', async () => {
    const org = await createOrganization(env.ctx, systemActor, { name: 'Globex', value_tier: 'platinum', domains: [] } as never);
    const known = await createCustomer(env.ctx, systemActor, {
      name: 'Hank Scorpio',
      organization_id: org.id,
      identities: [
        { kind: 'phone', value: '+1 415 555 0101' },
        { kind: 'email', value: 'hank@globex.test' },
      ],
      value_tier: 'silver',
    });
    const open = await makeTicket(env.ctx, { requesterEmail: 'hank@globex.test', subject: 'Laser calibration' });
    const call = await phone.ring('+14155550101');
    const pop = (call.response as { screen_pop: Record<string, any> }).screen_pop;
    expect(pop.customer).toMatchObject({ id: known.id, name: 'Hank Scorpio' });
    expect(pop.organization).toMatchObject({ id: org.id, name: 'Globex' });
    expect(pop.value_tier).toBe('platinum');
    expect(pop.open_tickets.map((t: { id: number }) => t.id)).toEqual([open.id]);
    expect(pop.last_contacts[0]).toMatchObject({ kind: 'ticket', id: open.id });

    const lookup = await api(env.app, 'GET', `/api/v1/voice/screen-pop?phone=${encodeURIComponent('(415) 555-0101')}`, { as: agent });
    expect(lookup.status).toBe(200);
    expect(lookup.body.customer.id).toBe(known.id);
  });

  it('answers an unknown caller with an empty context', async () => {
    const call = await phone.ring('+442079460958');
    expect((call.response as { screen_pop: unknown }).screen_pop).toMatchObject({
      phone: '+442079460958',
      customer: null,
      open_tickets: [],
    });
  });

  it('opens a phone ticket on answer and records queue wait, hold and talk time when the call ends', async () => {
    const call = await phone.ring('+13125550199');
    const answered = (await call.send({ event: 'answered', agent_id: agent.user.id }, 12)) as { call: Record<string, any> };
    expect(answered.call.queue_wait_seconds).toBe(12);
    const ticketId = answered.call.ticket_id as number;
    expect(ticketId).toBeGreaterThan(0);
    await call.send({ event: 'held' }, 60);
    await call.send({ event: 'resumed' }, 30);
    const ended = (await call.send({ event: 'ended', outcome: 'resolved', recording_url: 'https://recordings.test/1.mp3' }, 90)) as {
      call: Record<string, any>;
    };
    expect(ended.call).toMatchObject({ status: 'ended', hold_seconds: 30, talk_seconds: 150, outcome: 'resolved' });
    await call.send({ event: 'wrapped_up', wrap_up_seconds: 45 }, 45);
    const stored = await api(env.app, 'GET', `/api/v1/voice/calls/${call.callId}`, { as: agent });
    expect(stored.body.wrap_up_seconds).toBe(45);

    const ticket = await api(env.app, 'GET', `/api/v1/tickets/${ticketId}`, { as: agent });
    expect(ticket.body).toMatchObject({ channel: 'voice', assignee_id: agent.user.id, status: 'open' });
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${ticketId}/comments`, { as: agent });
    expect(comments.body.data.at(-1)).toMatchObject({ public: false, channel: 'voice' });
    expect(comments.body.data.at(-1).body).toContain('recordings.test/1.mp3');

    // The caller is now known: the next ring pops the ticket.
    const again = await phone.ring('+13125550199');
    expect((again.response as { screen_pop: Record<string, any> }).screen_pop.open_tickets[0].id).toBe(ticketId);
  });

  it('applies a repeated event once', async () => {
    const call = await phone.ring('+13125550111');
    const payload = {
      call_id: call.callId,
      from: '+13125550111',
      to: '+18005550100',
      event: 'answered',
      agent_id: agent.user.id,
      occurred_at: '2026-03-02T09:00:05Z',
    };
    const first = await api(env.app, 'POST', '/api/v1/voice/events', { as: agent, body: payload });
    const second = await api(env.app, 'POST', '/api/v1/voice/events', { as: agent, body: payload });
    expect(second.body.call.ticket_id).toBe(first.body.call.ticket_id);
    const tickets = await env.ctx.db.selectFrom('calls').select('ticket_id').where('call_id', '=', call.callId).execute();
    expect(tickets).toHaveLength(1);
  });

  it('records an unanswered call as abandoned and a voicemail as a ticket with its transcript', async () => {
    const lost = await phone.ring('+13125550122');
    const abandoned = (await lost.send({ event: 'ended' }, 40)) as { call: Record<string, any> };
    expect(abandoned.call).toMatchObject({ status: 'abandoned', queue_wait_seconds: 40, talk_seconds: null, ticket_id: null });

    const message = await phone.ring('+13125550133');
    const voicemail = (await message.send(
      { event: 'voicemail', transcript: 'Please call me back about my order', recording_url: 'https://recordings.test/vm.mp3' },
      30,
    )) as {
      call: Record<string, any>;
    };
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${voicemail.call.ticket_id}/comments`, { as: agent });
    expect(comments.body.data[0].body).toContain('Please call me back about my order');
  });

  it('refuses events from customers and bad input with 4xx', async () => {
    const denied = await api(env.app, 'POST', '/api/v1/voice/events', {
      as: customerUser,
      body: { call_id: 'x', event: 'ringing', from: '+13125550100', to: '+18005550100' },
    });
    expect(denied.status).toBe(403);
    const bad = await api(env.app, 'POST', '/api/v1/voice/events', {
      as: agent,
      body: { call_id: 'x', event: 'exploded', from: '1', to: '2' },
    });
    expect(bad.status).toBe(400);
    const badAgent = await api(env.app, 'POST', '/api/v1/voice/events', {
      as: agent,
      body: { call_id: 'y', event: 'answered', from: '+13125550100', to: '+18005550100', agent_id: customerUser.user.id },
    });
    expect(badAgent.status).toBe(400);
  });
});
