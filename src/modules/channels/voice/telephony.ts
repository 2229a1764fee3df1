import { type CallEventInput, callEventBody } from './voice.schemas.ts';

/**
 * A telephony provider, as the voice channel sees it: something that delivers call events. A real
 * provider's adapter maps its webhook payloads to call events; the simulated one makes them up.
 */
export interface TelephonyProvider {
  readonly name: string;
  /** Maps one webhook payload of the provider to the call events it reports. Throws on a payload it cannot read. */
  toCallEvents(payload: unknown): CallEventInput[];
}

/** Providers that post Frontline's own event format (POST /api/v1/voice/events). */
export const genericTelephony: TelephonyProvider = {
  name: 'generic',
  toCallEvents: (payload) => [callEventBody.parse(payload)],
};

type Deliver = (payload: unknown) => Promise<unknown>;

/**
 * A simulated provider for tests, demos and benches: it plays a call's life (ring, answer, hold,
 * end) as webhook payloads and hands each to `deliver`, exactly as a real provider's webhook would.
 */
export class SimulatedTelephony implements TelephonyProvider {
  readonly name = 'simulated';
  private sequence = 0;

  constructor(
    private readonly deliver: Deliver,
    private readonly clock: { now(): Date } = { now: () => new Date() },
  ) {}

  toCallEvents(payload: unknown): CallEventInput[] {
    return genericTelephony.toCallEvents(payload);
  }

  /** Starts an inbound call; the returned handle sends its later events. */
  async ring(
    from: string,
    to = '+18005550100',
  ): Promise<{
    callId: string;
    response: unknown;
    send: (
      event: Omit<Partial<CallEventInput>, 'call_id' | 'from' | 'to'> & { event: CallEventInput['event'] },
      afterSeconds?: number,
    ) => Promise<unknown>;
  }> {
    const callId = `sim-${Date.now().toString(36)}-${++this.sequence}`;
    let at = this.clock.now();
    const send = async (
      fields: Omit<Partial<CallEventInput>, 'call_id' | 'from' | 'to'> & { event: CallEventInput['event'] },
      afterSeconds = 0,
    ) => {
      at = new Date(at.getTime() + afterSeconds * 1000);
      return this.deliver({ call_id: callId, from, to, occurred_at: at.toISOString(), ...fields });
    };
    const response = await send({ event: 'ringing' });
    return { callId, response, send };
  }
}
