import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { defaultSurveySettings, type SurveySettings, type SurveySettingsPatch, surveySettingsSchema } from './feedback.schemas.ts';

const KEY = 'surveys';

/** The survey settings (the defaults until an admin changes them). */
export async function getSurveySettings(db: Db): Promise<SurveySettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return defaultSurveySettings;
  const stored = row.value as Partial<SurveySettings>;
  const merged = { ...defaultSurveySettings, ...stored, follow_up: { ...defaultSurveySettings.follow_up, ...(stored.follow_up ?? {}) } };
  const parsed = surveySettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultSurveySettings;
}

/** Changes some of the survey settings, audited. */
export async function updateSurveySettings(ctx: Context, actor: Actor, patch: SurveySettingsPatch): Promise<SurveySettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getSurveySettings(trx);
    const after: SurveySettings = { ...before, ...patch, follow_up: { ...before.follow_up, ...(patch.follow_up ?? {}) } };
    const now = ctx.clock.now();
    await trx
      .insertInto('settings')
      .values({ key: KEY, value: JSON.stringify(after), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(after), updated_at: now }))
      .execute();
    await recordAudit(trx, actor, now, { action: 'settings.updated', entityType: 'settings', entityId: KEY, before, after });
    return after;
  });
}
