/** The customer-facing SLA statement of an organization as a printable HTML page, rendered on the server. */
import type { organizationSla } from './sla.service.ts';

type Statement = Awaited<ReturnType<typeof organizationSla>>;

const html = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const channelNames: Record<string, string> = {
  email: 'Email',
  web: 'Web form',
  portal: 'Customer portal',
  api: 'API',
  chat: 'Live chat',
  messaging: 'Messaging',
  social: 'Social media',
  voice: 'Phone',
};
const targetNames = {
  first_response: 'First response',
  next_reply: 'Next reply',
  periodic_update: 'Status updates every',
  resolution: 'Resolution',
} as const;
const priorityNames: Record<string, string> = { p1: 'P1 — critical', p2: 'P2 — high', p3: 'P3 — normal', p4: 'P4 — low' };
const dayNames: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** 90 → "1 hour 30 minutes"; 1440 in calendar time → "24 hours"; 480 business minutes → "8 business hours". */
export function describeDuration(minutes: number, business: boolean): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    hours ? `${hours} ${business ? 'business ' : ''}hour${hours === 1 ? '' : 's'}` : '',
    rest ? `${rest} ${business && !hours ? 'business ' : ''}minute${rest === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export function renderStatement(statement: Statement, issuedAt: Date): string {
  const groups = new Map<string, Statement['rows']>();
  for (const row of statement.rows) groups.set(row.channel, [...(groups.get(row.channel) ?? []), row]);
  const cell = (t: { minutes: number; business_hours: boolean } | null) => (t ? html(describeDuration(t.minutes, t.business_hours)) : '—');
  const tables = [...groups.entries()]
    .filter(([, rows]) => rows.some((r) => r.policy))
    .map(
      ([channel, rows]) => `
    <section>
      <h2>${html(channelNames[channel] ?? channel)}</h2>
      <table>
        <thead><tr><th scope="col">Priority</th>${Object.values(targetNames)
          .map((n) => `<th scope="col">${html(n)}</th>`)
          .join('')}</tr></thead>
        <tbody>${rows
          .map(
            (r) =>
              `<tr><th scope="row">${html(priorityNames[r.priority] ?? r.priority)}</th>${(
                Object.keys(targetNames) as (keyof typeof targetNames)[]
              )
                .map((k) => `<td>${cell(r.targets[k])}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody>
      </table>
    </section>`,
    )
    .join('');
  const calendars = statement.calendars
    .map((c) => {
      const days = Object.entries(dayNames)
        .map(([key, label]) => {
          const ranges = c.weekly[key] ?? [];
          return `<li>${label}: ${ranges.length ? ranges.map((r) => `${html(r.start)}–${html(r.end)}`).join(', ') : 'closed'}</li>`;
        })
        .join('');
      const holidays = c.holidays.length
        ? `<p>Closed on: ${c.holidays.map((h) => `${html(h.date)}${h.name ? ` (${html(h.name)})` : ''}`).join(', ')}.</p>`
        : '';
      return `<div class="calendar"><h3>${html(c.name)} <small>(${html(c.time_zone)})</small></h3><ul>${days}</ul>${holidays}</div>`;
    })
    .join('');
  const pauses = statement.pause_statuses
    .map((s) => (s === 'pending' ? 'while we wait for your reply' : 'while we wait for a third party'))
    .join(' or ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service levels for ${html(statement.organization.name)}</title>
<style>
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.6rem; margin-bottom: .25rem; }
  .meta { color: #555; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
  th, td { border: 1px solid #ccc; padding: .4rem .6rem; text-align: left; vertical-align: top; }
  thead th { background: #f3f4f6; }
  section { break-inside: avoid; }
  .calendar { break-inside: avoid; display: inline-block; min-width: 16rem; margin-right: 2rem; vertical-align: top; }
  .calendar ul { padding-left: 1.2rem; margin: .25rem 0; }
  .notes { color: #444; font-size: .92rem; }
  @media print { body { margin: 0; max-width: none; font-size: 11pt; } a { color: inherit; text-decoration: none; } }
</style>
</head>
<body>
<h1>Service levels for ${html(statement.organization.name)}</h1>
<p class="meta">Value tier: ${html(statement.organization.value_tier)} · Issued ${html(issuedAt.toISOString().slice(0, 10))}</p>
<p>These are the response and resolution times we commit to for requests from ${html(statement.organization.name)}, by how you contact us and how urgent the request is.</p>
${tables || '<p>No service-level targets apply at present.</p>'}
<h2>When the clock runs</h2>
<p class="notes">Times stated in business hours count only the opening hours below; other times run around the clock.
${pauses ? `Reply, update and resolution times pause ${html(pauses)}. ` : ''}First response is measured from when your request reaches us to our first reply to you.</p>
${calendars}
${statement.category_specific_policies.length ? `<p class="notes">Some products and categories have their own targets: ${statement.category_specific_policies.map((p) => html(p.name)).join(', ')}.</p>` : ''}
</body>
</html>`;
}
