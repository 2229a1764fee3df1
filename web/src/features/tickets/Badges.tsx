import { Badge, type BadgeProps } from '@mantine/core';
import { LazyTooltip } from '../../app/LazyTooltip.tsx';
import { customerStatusHints, customerStatusLabels, priorityLabels, statusHints, statusLabels, typeLabels } from './labels.ts';
import type { TicketPriority, TicketStatus, TicketType } from './types.ts';

type Size = BadgeProps['size'];

interface Swatch {
  bg: string;
  fg: string;
  bd?: string;
}

/** Solid, high-contrast status colours (help-desk convention: new yellow, open red, pending blue, on hold black). */
const statusSwatches: Record<TicketStatus, Swatch> = {
  new: { bg: '#ffd43b', fg: '#4a3300' },
  open: { bg: '#d42a2a', fg: '#ffffff' },
  pending: { bg: '#1971c2', fg: '#ffffff' },
  on_hold: { bg: '#25262b', fg: '#ffffff' },
  solved: { bg: '#e9ecef', fg: '#343a40' },
  closed: { bg: 'transparent', fg: '#495057', bd: '1px solid #ced4da' },
};

/** Light priority badges with dark text: P1 red, P2 orange, P3 blue, P4 gray. */
const prioritySwatches: Record<TicketPriority, Swatch & { dot: string }> = {
  p1: { bg: '#ffe3e3', fg: '#b02525', dot: '#e03131' },
  p2: { bg: '#ffe8cc', fg: '#9c3a07', dot: '#f76707' },
  p3: { bg: '#e0edfb', fg: '#1a5591', dot: '#228be6' },
  p4: { bg: '#f1f3f5', fg: '#495057', dot: '#adb5bd' },
};

/** Requesters see fewer states (see customerStatusLabels), coloured calmly. */
const customerSwatches: Record<TicketStatus, Swatch> = {
  new: { bg: '#e0edfb', fg: '#1a5591' },
  open: { bg: '#e0edfb', fg: '#1a5591' },
  pending: { bg: '#ffe8cc', fg: '#9c3a07' },
  on_hold: { bg: '#e0edfb', fg: '#1a5591' },
  solved: { bg: '#d3f9d8', fg: '#1e6b30' },
  closed: { bg: '#f1f3f5', fg: '#495057' },
};

const swatchVars = (swatch: Swatch) => () => ({
  root: { '--badge-bg': swatch.bg, '--badge-color': swatch.fg, '--badge-bd': swatch.bd ?? '0' },
});

export function StatusBadge({ status, size = 'sm', customer = false }: { status: TicketStatus; size?: Size; customer?: boolean }) {
  const swatch = customer ? customerSwatches[status] : statusSwatches[status];
  return (
    <LazyTooltip label={customer ? customerStatusHints[status] : statusHints[status]}>
      <Badge size={size} tt="none" fw={600} radius="sm" vars={swatchVars(swatch)} style={{ flexShrink: 0 }}>
        {customer ? customerStatusLabels[status] : statusLabels[status]}
      </Badge>
    </LazyTooltip>
  );
}

export function PriorityBadge({ priority, size = 'sm', long = false }: { priority: TicketPriority; size?: Size; long?: boolean }) {
  const swatch = prioritySwatches[priority];
  return (
    <Badge
      size={size}
      fw={700}
      radius="sm"
      tt="none"
      vars={swatchVars(swatch)}
      title={priorityLabels[priority]}
      style={{ flexShrink: 0 }}
      leftSection={<span className="fl-priority-dot" style={{ background: swatch.dot }} aria-hidden="true" />}
    >
      {long ? priorityLabels[priority] : priority.toUpperCase()}
    </Badge>
  );
}

export function TypeBadge({ type, size = 'sm' }: { type: TicketType; size?: Size }) {
  return (
    <Badge size={size} tt="none" fw={500} radius="sm" vars={swatchVars({ bg: 'white', fg: '#495057', bd: '1px solid #ced4da' })}>
      {typeLabels[type]}
    </Badge>
  );
}

const slaTargets: Record<string, string> = {
  first_response: 'First response',
  next_reply: 'Next reply',
  periodic_update: 'Update',
  resolution: 'Resolution',
};

/** Minutes or hours left (or overdue), compact: "42m", "3h 10m", "2d". */
export function slaLeft(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** The next SLA deadline as a countdown: red once overdue, amber within the last hour. */
export function SlaBadge({
  sla,
  now,
  size = 'sm',
  long = false,
}: {
  sla: { target: string; due_at: string } | null;
  now: number;
  size?: Size;
  long?: boolean;
}) {
  if (!sla) return null;
  const left = new Date(sla.due_at).getTime() - now;
  const swatch: Swatch =
    left < 0 ? { bg: '#ffe3e3', fg: '#a61e1e' } : left < 3_600_000 ? { bg: '#fff3bf', fg: '#7a4d00' } : { bg: '#f1f3f5', fg: '#495057' };
  const target = slaTargets[sla.target] ?? sla.target;
  const text = left < 0 ? `${slaLeft(left)} over` : slaLeft(left);
  const label = `${target} ${left < 0 ? `overdue by ${slaLeft(left)}` : `due in ${slaLeft(left)}`}`;
  return (
    <Badge
      size={size}
      tt="none"
      fw={600}
      radius="sm"
      vars={swatchVars(swatch)}
      title={label}
      aria-label={`SLA: ${label}`}
      style={{ flexShrink: 0 }}
    >
      {long ? label : text}
    </Badge>
  );
}
