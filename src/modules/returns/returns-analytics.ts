import type { Context } from '../../platform/context.ts';
import { validationError } from '../../platform/errors.ts';

/** Claims filed in [from, to]: rejection rate (rejected / closed), mean cycle time of closed claims, reasons. Throws validation_failed. */
export async function returnAnalytics(ctx: Context, query: { from: string; to: string }) {
  const from = new Date(`${query.from}T00:00:00Z`);
  const to = new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000);
  if (to <= from) throw validationError('`to` must not be before `from`.', [{ path: 'to', message: 'before from' }]);
  const rows = await ctx.db
    .selectFrom('return_claims')
    .select(['status', 'reason', 'rejection_reasons', 'created_at', 'closed_at'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
  const closed = rows.filter((row) => row.closed_at !== null || row.status === 'rejected');
  const rejected = rows.filter((row) => row.status === 'rejected');
  const cycles = rows
    .filter((row) => row.closed_at !== null)
    .map((row) => (new Date(row.closed_at as Date).getTime() - new Date(row.created_at).getTime()) / 3_600_000);
  const count = <T extends string>(values: T[]) =>
    [...values.reduce((map, value) => map.set(value, (map.get(value) ?? 0) + 1), new Map<T, number>())].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    );
  const codes = rejected.flatMap((row) => (row.rejection_reasons as { code: string }[]).map((reason) => reason.code));
  return {
    claims: rows.length,
    closed: closed.length,
    rejected: rejected.length,
    rejection_rate: closed.length ? rejected.length / closed.length : null,
    mean_cycle_hours: cycles.length ? cycles.reduce((a, b) => a + b, 0) / cycles.length : null,
    rejection_reasons: count(codes).map(([code, n]) => ({ code, count: n })),
    claim_reasons: count(rows.map((row) => row.reason.trim().toLowerCase() || '(none)')).map(([reason, n]) => ({ reason, count: n })),
  };
}
