import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';

export const surveyKinds = ['csat', 'nps', 'ces'] as const;
export const surveyKindSchema = z.enum(surveyKinds);
export type SurveyKind = (typeof surveyKinds)[number];

/** Each question's scale: CSAT 1–5 (5 = very satisfied), NPS 0–10, CES 1–7 (7 = very easy). */
export const scales: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

export const isValidScore = (kind: SurveyKind, score: number): boolean =>
  Number.isInteger(score) && score >= scales[kind].min && score <= scales[kind].max;

const ticketChannels = ['email', 'web', 'chat', 'voice', 'api', 'messaging', 'social', 'portal'] as const;

export const surveySettingsSchema = z.strictObject({
  enabled: z.boolean().describe('send surveys when tickets are solved'),
  questions: z
    .array(surveyKindSchema)
    .min(1)
    .max(3)
    .refine((list) => new Set(list).size === list.length, 'each question once')
    .describe('asked in this order; the first gets the one-click links in the email'),
  delay_minutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .describe('minutes after solving before the email goes out'),
  throttle_days: z.number().int().min(0).max(365).describe('at most one survey per customer in this many days (0: no limit)'),
  link_valid_days: z.number().int().min(1).max(365).describe('how long a rating link works (and the rating can be changed)'),
  channels: z.array(z.enum(ticketChannels)).max(8).describe('tickets from these channels get an email survey'),
  follow_up: z.strictObject({
    csat_at_most: z.number().int().min(0).max(5).describe('a CSAT at or below this is bad (0: never)'),
    nps_at_most: z.number().int().min(-1).max(10).describe('an NPS at or below this is bad (-1: never)'),
    ces_at_most: z.number().int().min(0).max(7).describe('a CES at or below this is bad (0: never)'),
    notify_lead: z.boolean().describe("email the managers of the ticket's group"),
    internal_note: z.boolean().describe('add an internal note with the rating to the ticket'),
    reopen: z.boolean().describe('reopen a solved ticket'),
  }),
});
export type SurveySettings = z.infer<typeof surveySettingsSchema>;
export const surveySettingsPatch = surveySettingsSchema
  .partial()
  .extend({ follow_up: surveySettingsSchema.shape.follow_up.partial().optional() });
export type SurveySettingsPatch = z.infer<typeof surveySettingsPatch>;

export const defaultSurveySettings: SurveySettings = {
  enabled: true,
  questions: ['csat'],
  delay_minutes: 60,
  throttle_days: 7,
  link_valid_days: 14,
  channels: [...ticketChannels],
  follow_up: { csat_at_most: 2, nps_at_most: 6, ces_at_most: 2, notify_lead: true, internal_note: true, reopen: false },
};

export const answerInput = z.strictObject({
  kind: surveyKindSchema,
  score: z.number().int().min(0).max(10),
  comment: z.string().max(5000).optional(),
});
export const answersBody = z.strictObject({ answers: z.array(answerInput).min(1).max(3) });
export type AnswerInput = z.infer<typeof answerInput>;

export const tokenParam = z.object({ token: z.string().min(1).max(200) });

export const answerSchema = z.object({
  kind: surveyKindSchema,
  score: z.number(),
  comment: z.string(),
  answered_at: timestamp,
  updated_at: timestamp,
  changes: z.number(),
});

/** What the person holding a rating link sees. */
export const publicSurveySchema = z.object({
  survey_id: z.number(),
  ticket: z.object({ number: z.number(), subject: z.string() }),
  agent_name: z.string().nullable(),
  questions: z.array(z.object({ kind: surveyKindSchema, prompt: z.string(), min: z.number(), max: z.number() })),
  answers: z.array(answerSchema),
  expires_at: timestamp,
});
export type PublicSurvey = z.infer<typeof publicSurveySchema>;

export const surveySchema = z.object({
  id: z.number(),
  ticket_id: z.number(),
  customer_id: z.number(),
  recipient: z.string().nullable(),
  questions: z.array(surveyKindSchema),
  via: z.enum(['email', 'portal', 'chat']),
  status: z.enum(['scheduled', 'sent', 'answered', 'skipped']),
  skip_reason: z.string().nullable(),
  agent_id: z.number().nullable(),
  group_id: z.number().nullable(),
  channel: z.string(),
  category_id: z.number().nullable(),
  scheduled_for: timestamp,
  sent_at: timestamp.nullable(),
  expires_at: timestamp.nullable(),
  created_at: timestamp,
  answers: z.array(answerSchema),
});
export type SurveyView = z.infer<typeof surveySchema>;

export const listSurveysQuery = z.object({
  ticket_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  customer_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  status: z.enum(['scheduled', 'sent', 'answered', 'skipped']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

const dateOrTime = z.iso.datetime({ offset: true }).or(z.iso.date());

export const listAnswersQuery = z.object({
  kind: surveyKindSchema.optional(),
  agent_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  group_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  max_score: z.coerce.number().int().min(0).max(10).optional(),
  with_comment: z.enum(['true', 'false']).optional(),
  from: dateOrTime.optional(),
  to: dateOrTime.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

export const answerRowSchema = answerSchema.extend({
  id: z.number(),
  survey_id: z.number(),
  ticket_id: z.number(),
  ticket_subject: z.string(),
  customer_id: z.number(),
  customer_name: z.string(),
  agent_id: z.number().nullable(),
  agent_name: z.string().nullable(),
  group_id: z.number().nullable(),
  group_name: z.string().nullable(),
  channel: z.string(),
  category_id: z.number().nullable(),
  category_path: z.string().nullable(),
  first_score: z.number(),
  follow_up_at: timestamp.nullable(),
});

export const resultsQuery = z.object({
  group_by: z.enum(['none', 'agent', 'group', 'channel', 'category', 'day', 'week', 'month']).default('none'),
  from: dateOrTime.optional(),
  to: dateOrTime.optional(),
  agent_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  group_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type ResultsQuery = z.infer<typeof resultsQuery>;

export const resultRowSchema = z.object({
  key: z.string().nullable(),
  label: z.string(),
  csat: z.object({ responses: z.number(), satisfied: z.number(), score: z.number().nullable().describe('% of 4–5 ratings') }),
  nps: z.object({
    responses: z.number(),
    promoters: z.number(),
    passives: z.number(),
    detractors: z.number(),
    score: z.number().nullable().describe('% promoters − % detractors'),
  }),
  ces: z.object({ responses: z.number(), mean: z.number().nullable().describe('mean on 1–7') }),
});
export type ResultRow = z.infer<typeof resultRowSchema>;
export const resultsSchema = z.object({
  group_by: z.string(),
  from: timestamp.nullable(),
  to: timestamp.nullable(),
  total: resultRowSchema,
  data: z.array(resultRowSchema),
});

export const offerSurveyBody = z.strictObject({
  via: z.enum(['chat', 'portal']),
  questions: z.array(surveyKindSchema).min(1).max(3).optional(),
});
export const offeredSurveySchema = z.object({
  offered: z.boolean(),
  reason: z.string().nullable().describe('why no survey was offered (throttled, already_surveyed, disabled)'),
  survey_id: z.number().nullable(),
  token: z.string().nullable().describe('pass to /api/v1/survey-links/{token}'),
  url: z.string().nullable(),
  questions: z.array(surveyKindSchema),
  expires_at: timestamp.nullable(),
});

export const mySurveySchema = z.object({
  survey_id: z.number(),
  ticket_id: z.number(),
  ticket_subject: z.string(),
  questions: z.array(surveyKindSchema),
  answered: z.boolean(),
  token: z.string(),
  url: z.string(),
  expires_at: timestamp,
});

export { id };
