import { describe, expect, it } from 'vitest';
import { vendorScorecard, weeklySlaReport } from './vendor-scorecard.ts';

const contract = { serviceLevelTarget: 0.8, serviceLevelSeconds: 60, pricePerAgentHourCents: 2_450 };

describe('vendor scorecards', () => {
  it('computes every figure from hand-counted facts', () => {
    // 1,000 offered, 40 abandoned inside 60 s, 780 answered inside 60 s: 780 / 960 = 0.8125.
    // 900 handled in 270,000 s: AHT 300 s. 600 solved, 450 on first contact: FCR 0.75.
    // 200 ratings, 170 of 4–5: CSAT 0.85. QA reviews 90, 80, 85: mean 85.
    // 1,250.5 agent hours at $24.50: $30,637.25; per handled contact $34.04 (3,404 cents, rounded).
    const card = vendorScorecard(
      {
        offered: 1_000,
        answeredWithinTarget: 780,
        abandonedWithinTarget: 40,
        handled: 900,
        handleSeconds: 270_000,
        solved: 600,
        solvedFirstContact: 450,
        csatAnswers: 200,
        csatPositive: 170,
        qaScores: [90, 80, 85],
        agentHours: 1_250.5,
      },
      contract,
    );
    expect(card).toEqual({
      service_level: 0.8125,
      meets_service_level: true,
      aht_seconds: 300,
      fcr: 0.75,
      csat: 0.85,
      qa_score: 85,
      cost_cents: 3_063_725,
      cost_per_contact_cents: 3_404,
    });
  });

  it('misses the target just below it, and leaves figures without data empty rather than zero', () => {
    const empty = {
      offered: 0,
      answeredWithinTarget: 0,
      abandonedWithinTarget: 0,
      handled: 0,
      handleSeconds: 0,
      solved: 0,
      solvedFirstContact: 0,
      csatAnswers: 0,
      csatPositive: 0,
      qaScores: [],
      agentHours: 10,
    };
    const card = vendorScorecard(empty, contract);
    expect(card).toMatchObject({
      service_level: null,
      meets_service_level: null,
      aht_seconds: null,
      fcr: null,
      csat: null,
      qa_score: null,
      cost_cents: 24_500,
      cost_per_contact_cents: null,
    });
    expect(vendorScorecard({ ...empty, offered: 100, answeredWithinTarget: 79 }, contract).meets_service_level).toBe(false);
  });

  it('reports each week against the target', () => {
    expect(
      weeklySlaReport(
        [
          { week: '2026-W09', offered: 250, abandonedWithinTarget: 10, answeredWithinTarget: 200 },
          { week: '2026-W10', offered: 250, abandonedWithinTarget: 0, answeredWithinTarget: 190 },
        ],
        0.8,
      ),
    ).toEqual([
      { week: '2026-W09', service_level: 200 / 240, met: true },
      { week: '2026-W10', service_level: 0.76, met: false },
    ]);
  });
});
