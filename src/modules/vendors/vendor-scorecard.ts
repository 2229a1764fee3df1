/** A vendor's monthly scorecard from the month's facts, against its contract. Pure arithmetic, no database. */

export interface VendorContract {
  /** Share of contacts to answer within `serviceLevelSeconds` (0–1). */
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  pricePerAgentHourCents: number;
}

/** The month's facts for the vendor's queues (groups), as the analytics definitions count them. */
export interface VendorMonthFacts {
  offered: number;
  answeredWithinTarget: number;
  abandonedWithinTarget: number;
  handled: number;
  handleSeconds: number;
  solved: number;
  solvedFirstContact: number;
  csatAnswers: number;
  csatPositive: number;
  qaScores: readonly number[];
  agentHours: number;
}

export interface VendorScorecard {
  service_level: number | null;
  meets_service_level: boolean | null;
  aht_seconds: number | null;
  fcr: number | null;
  csat: number | null;
  qa_score: number | null;
  cost_cents: number;
  cost_per_contact_cents: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Service level = answered within Y / (offered − abandoned within Y); AHT = handle seconds / handled;
 * FCR = solved on first contact / solved; CSAT = 4–5 ratings / ratings; QA = mean review score;
 * cost = agent hours × contract price; cost per contact = cost / handled (rounded to the cent).
 */
export function vendorScorecard(facts: VendorMonthFacts, contract: VendorContract): VendorScorecard {
  const serviceLevel = ratio(facts.answeredWithinTarget, facts.offered - facts.abandonedWithinTarget);
  const cost = Math.round(facts.agentHours * contract.pricePerAgentHourCents);
  return {
    service_level: serviceLevel,
    meets_service_level: serviceLevel === null ? null : serviceLevel >= contract.serviceLevelTarget,
    aht_seconds: ratio(facts.handleSeconds, facts.handled),
    fcr: ratio(facts.solvedFirstContact, facts.solved),
    csat: ratio(facts.csatPositive, facts.csatAnswers),
    qa_score: facts.qaScores.length ? facts.qaScores.reduce((a, b) => a + b, 0) / facts.qaScores.length : null,
    cost_cents: cost,
    cost_per_contact_cents: facts.handled > 0 ? Math.round(cost / facts.handled) : null,
  };
}

/** The weekly SLA report's verdict per week: the share met and the weeks that missed the target. */
export function weeklySlaReport(
  weeks: readonly { week: string; answeredWithinTarget: number; offered: number; abandonedWithinTarget: number }[],
  target: number,
) {
  return weeks.map((week) => {
    const level = ratio(week.answeredWithinTarget, week.offered - week.abandonedWithinTarget);
    return { week: week.week, service_level: level, met: level === null ? null : level >= target };
  });
}
