import type { Context } from '../platform/context.ts';

/** Placeholder until the demo generator lands. */
export async function loadDemo(_ctx: Context, _options: { tickets: number; seed: number }): Promise<string> {
  throw new Error('demo data is not available yet');
}

export async function loadDemoIfEmpty(ctx: Context, options: { tickets: number; seed: number }): Promise<void> {
  const any = await ctx.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst();
  if (!any) await loadDemo(ctx, options);
}
