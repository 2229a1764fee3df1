import { z } from 'zod';

const figures = z.object({
  category_id: z.number(),
  category: z.string().nullable(),
  support: z.number(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
});

export const evaluationSchema = z.object({
  examples: z.number(),
  accuracy: z.number(),
  macro_f1: z.number(),
  per_category: z.array(figures),
  confusions: z.array(
    z.object({
      actual_id: z.number(),
      actual: z.string().nullable(),
      predicted_id: z.number(),
      predicted: z.string().nullable(),
      count: z.number(),
    }),
  ),
});

export const modelSchema = z.object({
  model_id: z.number(),
  trained_at: z.string(),
  examples: z.number(),
  categories: z.number(),
  training_ms: z.number(),
  holdout: evaluationSchema.nullable().describe('figures on a stratified 20% of the examples the measured model did not see'),
});
export type ModelView = z.infer<typeof modelSchema>;

export const modelStatusSchema = z.object({ model: modelSchema.nullable() });

export const settingsSchema = z.object({
  apply_threshold: z.number().min(0).max(1).describe('a prediction at or above this confidence is applied to the ticket'),
  suggest_threshold: z.number().min(0).max(1).describe('below the apply threshold, at or above this one, it is offered to the agent'),
  duplicate_similarity: z.number().min(0).max(1),
  spike_customers: z.number().int().min(2).max(10_000),
  spike_window_minutes: z.number().int().min(1).max(10_080),
});
export type IntakeSettings = z.infer<typeof settingsSchema>;
export const settingsPatch = settingsSchema.partial().strict();

const categoryRef = z.object({ id: z.number(), name: z.string(), path: z.string() });

export const ticketIntakeSchema = z.object({
  ticket_id: z.number(),
  predicted_category: categoryRef.nullable(),
  predicted_confidence: z.number().nullable(),
  applied: z.boolean(),
  suggested: z.boolean().describe('the prediction is offered to the agent (not applied, confident enough to show)'),
  predicted_priority: z.string().nullable(),
  language: z.string().nullable(),
  sentiment: z.number().nullable().describe('frustration from 0 (calm) to 1'),
  duplicate_of_id: z.number().nullable(),
  problem_id: z.number().nullable(),
});

export const volumeAlertSchema = z.object({
  category_id: z.number(),
  category: z.string(),
  last_day: z.number(),
  baseline_per_day: z.number(),
  ratio: z.number(),
});
export const alertsSchema = z.object({ volume: z.array(volumeAlertSchema) });
