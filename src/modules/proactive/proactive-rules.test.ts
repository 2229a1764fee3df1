import { describe, expect, it } from 'vitest';
import { contactEligibility, orderCallList, withinContactWindow, withinFrequencyCap } from './call-list-rules.ts';
import { type CustomerProfile, matchesSegment, segmentRulesSchema } from './segment-rules.ts';

const profile = (fields: Partial<CustomerProfile>): CustomerProfile => ({
  customer_id: 1,
  name: 'Ada',
  language: 'en',
  time_zone: 'Europe/Paris',
  value_tier: 'gold',
  lifetime_value_cents: 500_000,
  organization_name: 'Acme Corp',
  organization_value_tier: 'enterprise',
  open_balance_cents: 120_000,
  risk_score: 70,
  contacts_last_30_days: 3,
  csat: 0.5,
  ...fields,
});

describe('segment rules', () => {
  const rules = segmentRulesSchema.parse({
    match: 'all',
    conditions: [
      { field: 'open_balance_cents', op: 'gte', value: 100_000 },
      { field: 'value_tier', op: 'in', value: ['Gold', 'platinum'] },
      { field: 'organization_name', op: 'contains', value: 'acme' },
    ],
  });

  it('selects a customer only when every condition holds under "all"', () => {
    expect(matchesSegment(profile({}), rules)).toBe(true);
    expect(matchesSegment(profile({ open_balance_cents: 99_999 }), rules)).toBe(false);
    expect(matchesSegment(profile({ value_tier: 'bronze' }), rules)).toBe(false);
  });

  it('selects a customer when any condition holds under "any"', () => {
    const any = { ...rules, match: 'any' as const };
    expect(matchesSegment(profile({ open_balance_cents: 0, value_tier: 'bronze' }), any)).toBe(true);
    expect(matchesSegment(profile({ open_balance_cents: 0, value_tier: 'bronze', organization_name: 'Globex' }), any)).toBe(false);
  });

  it('never matches an unknown value except with "neq"', () => {
    const low = segmentRulesSchema.parse({ conditions: [{ field: 'csat', op: 'lt', value: 0.6 }] });
    expect(matchesSegment(profile({ csat: 0.5 }), low)).toBe(true);
    expect(matchesSegment(profile({ csat: null }), low)).toBe(false);
    const notGold = segmentRulesSchema.parse({ conditions: [{ field: 'value_tier', op: 'neq', value: 'gold' }] });
    expect(matchesSegment(profile({ value_tier: null }), notGold)).toBe(true);
  });

  it('refuses operators that do not fit the field', () => {
    expect(segmentRulesSchema.safeParse({ conditions: [{ field: 'name', op: 'gt', value: 3 }] }).success).toBe(false);
    expect(segmentRulesSchema.safeParse({ conditions: [{ field: 'risk_score', op: 'contains', value: '3' }] }).success).toBe(false);
    expect(segmentRulesSchema.safeParse({ conditions: [{ field: 'risk_score', op: 'in', value: 3 }] }).success).toBe(false);
    expect(segmentRulesSchema.safeParse({ conditions: [{ field: 'shoe_size', op: 'eq', value: 3 }] }).success).toBe(false);
  });
});

describe('call-list order', () => {
  it('puts the higher balance first, then the higher risk, then the higher value', () => {
    const ordered = orderCallList([
      { customer_id: 1, open_balance_cents: 10_000, risk_score: 90, lifetime_value_cents: 0 },
      { customer_id: 2, open_balance_cents: 50_000, risk_score: 10, lifetime_value_cents: 0 },
      { customer_id: 3, open_balance_cents: 10_000, risk_score: 95, lifetime_value_cents: 0 },
      { customer_id: 4, open_balance_cents: 10_000, risk_score: 90, lifetime_value_cents: 9_000 },
      { customer_id: 5, open_balance_cents: 10_000, risk_score: 90, lifetime_value_cents: 0 },
    ]);
    expect(ordered.map((c) => c.customer_id)).toEqual([2, 3, 4, 1, 5]);
  });
});

describe('contact windows in the customer time zone', () => {
  const window = (timeZone: string) => ({ startHour: 9, endHour: 18, timeZone });
  // Monday 2026-03-02 15:00 UTC: 16:00 in Paris, 10:00 in New York, 00:00 Tuesday in Tokyo.
  const at = new Date('2026-03-02T15:00:00Z');

  it('allows a call only between the window hours where the customer lives', () => {
    expect(withinContactWindow(at, window('Europe/Paris'))).toBe(true);
    expect(withinContactWindow(at, window('America/New_York'))).toBe(true);
    expect(withinContactWindow(at, window('Asia/Tokyo'))).toBe(false);
    // 13:30 UTC is 08:30 in New York: too early there, fine in Paris.
    expect(withinContactWindow(new Date('2026-03-02T13:30:00Z'), window('America/New_York'))).toBe(false);
    expect(withinContactWindow(new Date('2026-03-02T13:30:00Z'), window('Europe/Paris'))).toBe(true);
  });

  it('never calls at the weekend in the customer time zone', () => {
    // Saturday 10:00 in Tokyo; Friday 08:00, then 09:00, in Los Angeles.
    expect(withinContactWindow(new Date('2026-03-07T01:00:00Z'), window('Asia/Tokyo'))).toBe(false);
    expect(withinContactWindow(new Date('2026-03-06T16:00:00Z'), window('America/Los_Angeles'))).toBe(false);
    expect(withinContactWindow(new Date('2026-03-06T17:00:00Z'), window('America/Los_Angeles'))).toBe(true);
    expect(withinContactWindow(new Date('2026-03-07T01:00:00Z'), { ...window('Asia/Tokyo'), weekdaysOnly: false })).toBe(true);
  });

  it('follows daylight saving time (New York moves on 8 March 2026)', () => {
    expect(withinContactWindow(new Date('2026-03-06T13:30:00Z'), window('America/New_York'))).toBe(false);
    expect(withinContactWindow(new Date('2026-03-09T13:30:00Z'), window('America/New_York'))).toBe(true);
  });
});

describe('frequency caps', () => {
  const at = new Date('2026-03-10T10:00:00Z');
  const daysAgo = (days: number) => new Date(at.getTime() - days * 86_400_000);

  it('counts only the contacts inside the cap period', () => {
    expect(withinFrequencyCap([daysAgo(2)], at, 1, 7)).toBe(false);
    expect(withinFrequencyCap([daysAgo(8)], at, 1, 7)).toBe(true);
    expect(withinFrequencyCap([daysAgo(1), daysAgo(3)], at, 3, 7)).toBe(true);
    expect(withinFrequencyCap([daysAgo(1), daysAgo(3), daysAgo(6)], at, 3, 7)).toBe(false);
  });

  it('gives the first failing reason: do-not-contact, call-back time, window, then cap', () => {
    const base = {
      at,
      doNotContact: false,
      window: { startHour: 9, endHour: 18, timeZone: 'Europe/Paris' },
      previousContacts: [daysAgo(1)],
      maxContacts: 1,
      capDays: 7,
      callbackAt: null,
    };
    expect(contactEligibility(base)).toBe('frequency_cap');
    expect(contactEligibility({ ...base, doNotContact: true })).toBe('do_not_contact');
    expect(contactEligibility({ ...base, callbackAt: new Date(at.getTime() + 3_600_000) })).toBe('callback_later');
    expect(contactEligibility({ ...base, callbackAt: new Date(at.getTime() - 60_000) })).toBe('ok');
    expect(contactEligibility({ ...base, previousContacts: [], window: { ...base.window, timeZone: 'Asia/Tokyo' } })).toBe(
      'outside_window',
    );
    expect(contactEligibility({ ...base, previousContacts: [] })).toBe('ok');
  });
});
