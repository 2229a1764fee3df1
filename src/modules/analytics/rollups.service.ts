import type { Context } from '../../platform/context.ts';
import { rebuildRollups } from './rollups.repository.ts';

/** Recomputes the hourly rollups from the raw tables (after a restore, an import that bypassed triggers, or a definition change). */
export async function rebuildAnalyticsRollups(ctx: Context) {
  const started = performance.now();
  const { rows } = await rebuildRollups(ctx.db);
  const tookMs = Math.round(performance.now() - started);
  ctx.log.info({ rows, took_ms: tookMs }, 'analytics rollups rebuilt');
  return { rows, took_ms: tookMs, rebuilt_at: ctx.clock.now().toISOString() };
}
