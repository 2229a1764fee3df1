import { z } from 'zod';

/** Defaults when a field is left out: half-hour intervals, the seeds' 80/20 target and 30% shrinkage. */
export const staffingDefaults = {
  interval_minutes: 30,
  target_service_level: 0.8,
  target_seconds: 20,
  shrinkage: 0.3,
} as const;

/** Upper bounds that keep every request to milliseconds; far beyond any real contact centre. */
export const staffingLimits = {
  volume: 10_000_000,
  interval_minutes: 1440,
  aht_seconds: 86_400,
  target_seconds: 86_400,
  patience_seconds: 86_400,
  /** Offered traffic in Erlangs (checked after the inputs, as a 422). */
  traffic: 100_000,
  /** Agents a search may reach (a tiny occupancy cap could otherwise ask for billions; a 422). */
  agents: 2_000_000,
  batch: 5000,
} as const;

export const staffingInputSchema = z.strictObject({
  volume: z.number().min(0).max(staffingLimits.volume).describe('calls offered in the interval (a forecast; fractions allowed)'),
  interval_minutes: z
    .number()
    .min(1)
    .max(staffingLimits.interval_minutes)
    .default(staffingDefaults.interval_minutes)
    .describe('length of the interval in minutes, 1 to 1440'),
  aht_seconds: z
    .number()
    .min(1)
    .max(staffingLimits.aht_seconds)
    .describe('average handling time: talk + hold + wrap-up, seconds (at least 1)'),
  target_service_level: z
    .number()
    .gt(0)
    .lt(1)
    .default(staffingDefaults.target_service_level)
    .describe('X in the X/Y target: share of offered calls to answer within target_seconds, strictly between 0 and 1'),
  target_seconds: z
    .number()
    .min(0)
    .max(staffingLimits.target_seconds)
    .default(staffingDefaults.target_seconds)
    .describe('Y in the X/Y target, seconds'),
  patience_seconds: z
    .number()
    .gt(0)
    .max(staffingLimits.patience_seconds)
    .optional()
    .describe('mean caller patience (exponential); when given, Erlang A with abandonment replaces Erlang C'),
  shrinkage: z.number().min(0).lt(1).default(staffingDefaults.shrinkage).describe('share of paid time not available for calls, in [0, 1)'),
  max_occupancy: z
    .number()
    .gt(0)
    .max(1)
    .optional()
    .describe('occupancy cap in (0, 1]; more agents are staffed until occupancy is at or below it'),
});

/** A request as sent (defaults not yet applied) and as used (defaults applied). */
export type StaffingRequest = z.input<typeof staffingInputSchema>;
export type StaffingInput = z.output<typeof staffingInputSchema>;

export const staffingResultSchema = z.object({
  model: z.enum(['erlang_c', 'erlang_a']).describe('erlang_c without patience_seconds, erlang_a with it'),
  traffic_erlangs: z.number().describe('offered load A = volume / (interval_minutes·60) × aht_seconds'),
  agents: z.number().int().describe('smallest agent count meeting every target'),
  service_level: z.number().describe('calls answered within target_seconds / calls offered, at that count'),
  asa_seconds: z.number().describe('mean wait of answered calls, seconds'),
  occupancy: z.number().describe('handling time / available agent time'),
  probability_of_waiting: z.number(),
  abandonment: z.number().nullable().describe('abandoned / offered (Erlang A); null for Erlang C, which has no abandonment'),
  shrinkage: z.number(),
  fte: z.number().describe('agents / (1 − shrinkage), unrounded'),
  scheduled_agents: z.number().int().describe('fte rounded up: the agents to put on the schedule for the interval'),
});
export type StaffingResult = z.infer<typeof staffingResultSchema>;

export const staffingBatchSchema = z.strictObject({
  intervals: z.array(staffingInputSchema).min(1).max(staffingLimits.batch),
  shift_hours: z.number().gt(0).max(24).default(8).describe('paid hours of one shift, to express the total as shifts'),
});
export type StaffingBatchRequest = z.input<typeof staffingBatchSchema>;

export const staffingSummarySchema = z.object({
  intervals: z.number().int(),
  agent_hours: z.number().describe('Σ agents × interval length: productive hours on the phones'),
  paid_hours: z.number().describe('Σ fte × interval length: the same hours grossed up for shrinkage'),
  shifts: z.number().describe('paid_hours / shift_hours; for one day of intervals, the FTE a five-day week needs'),
  peak_agents: z.number().int(),
  peak_scheduled_agents: z.number().int(),
});
export type StaffingSummary = z.infer<typeof staffingSummarySchema>;

export const staffingBatchResultSchema = z.object({ data: z.array(staffingResultSchema), summary: staffingSummarySchema });
export type StaffingBatchResult = z.infer<typeof staffingBatchResultSchema>;
