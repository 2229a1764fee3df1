import { describe, expect, it } from 'vitest';
import { type Conversation, type SamplingRule, sampleWeek, weekOf } from './sampling.ts';

const rules: SamplingRule[] = [
  { id: 1, kind: 'random_per_agent', params: { per_agent: 2 } },
  { id: 2, kind: 'low_csat', params: { max_score: 2 } },
  { id: 3, kind: 'escalated', params: {} },
  { id: 4, kind: 'new_hires', params: { per_agent: 2, tenure_days: 90 } },
];

// Agents 10 and 11 are veterans, 12 joined a month before the week; reviewers are 1, 2 and 10.
const conversations: Conversation[] = [];
for (let i = 0; i < 30; i++) {
  const agentId = 10 + (i % 3);
  conversations.push({ ticketId: 1000 + i, agentId, csat: i === 4 ? 1 : i === 7 ? 2 : i === 8 ? 3 : null, escalated: i === 5 || i === 13 });
}
const joined = new Map([
  [10, new Date('2024-01-01T00:00:00Z')],
  [11, new Date('2025-06-01T00:00:00Z')],
  [12, new Date('2026-02-01T00:00:00Z')],
]);
const run = (seed: number, input: Conversation[] = conversations) =>
  sampleWeek({ week: '2026-03-02', seed, conversations: input, rules, joined, reviewers: [1, 2, 10] });

describe('weekly QA sampling', () => {
  it('takes every low-CSAT and every escalated conversation', () => {
    const picks = run(7);
    expect(picks.filter((p) => p.reason.startsWith('CSAT')).map((p) => p.ticketId)).toEqual([1004, 1007]);
    expect(picks.filter((p) => p.reason === 'escalated').map((p) => p.ticketId)).toEqual([1005, 1013]);
    expect(picks.find((p) => p.ticketId === 1008)?.reason ?? 'not picked').not.toMatch(/^CSAT/); // CSAT 3 is not low
  });

  it('adds n random conversations per agent, and more for new hires', () => {
    const picks = run(7);
    const random = (agent: number) => picks.filter((p) => p.agentId === agent && (p.reason === 'random' || p.reason === 'new hire')).length;
    expect(random(10)).toBe(2);
    expect(random(11)).toBe(2);
    expect(random(12)).toBe(4); // 2 random + 2 for the new hire
    expect(new Set(picks.map((p) => p.ticketId)).size).toBe(picks.length); // never twice
  });

  it('is deterministic for a seed, and another seed draws differently', () => {
    expect(run(7)).toEqual(run(7));
    expect(run(7, [...conversations].reverse())).toEqual(run(7)); // input order does not matter
    const draws = new Set(
      [7, 8, 9, 10, 11].map((seed) =>
        JSON.stringify(
          run(seed)
            .map((p) => p.ticketId)
            .sort(),
        ),
      ),
    );
    expect(draws.size).toBeGreaterThan(1);
  });

  it('assigns reviewers by load and never to their own conversations', () => {
    const picks = run(7);
    expect(picks.every((p) => p.reviewerId !== null && p.reviewerId !== p.agentId)).toBe(true);
    const load = [1, 2, 10].map((r) => picks.filter((p) => p.reviewerId === r).length);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
  });

  it('treats a hire as new only within the tenure before the week starts', () => {
    const later = sampleWeek({ week: '2026-05-04', seed: 7, conversations, rules, joined, reviewers: [1] });
    expect(later.filter((p) => p.reason === 'new hire')).toHaveLength(0);
  });

  it('names weeks by their Monday (UTC)', () => {
    expect(weekOf('2026-03-04')).toBe('2026-03-02');
    expect(weekOf('2026-03-08')).toBe('2026-03-02');
    expect(weekOf('2026-03-09')).toBe('2026-03-09');
    expect(weekOf(new Date('2026-03-01T23:30:00Z'))).toBe('2026-02-23');
  });
});
