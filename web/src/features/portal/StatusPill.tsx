import type { TicketStatus } from '../tickets/types.ts';
import classes from './portal.module.css';

/** How a customer sees a status: what is happening, in their words, not the help desk's workflow. */
export const customerStatus: Record<TicketStatus, { label: string; hint: string; tone: string }> = {
  new: { label: 'Received', hint: 'We have your request and will reply soon.', tone: 'received' },
  open: { label: 'In progress', hint: 'Our team is working on it.', tone: 'progress' },
  pending: { label: 'Waiting for your reply', hint: 'We need something from you to continue.', tone: 'action' },
  on_hold: { label: 'In progress', hint: 'Our team is working on it with a partner.', tone: 'progress' },
  solved: { label: 'Solved', hint: 'We think this is answered. Reply if you still need help and it reopens.', tone: 'solved' },
  closed: { label: 'Closed', hint: 'This request is closed. A reply starts a follow-up request.', tone: 'closed' },
};

export function StatusPill({ status, size = 'sm' }: { status: TicketStatus; size?: 'sm' | 'md' }) {
  const { label, tone } = customerStatus[status];
  return (
    <span className={classes.pill} data-tone={tone} data-size={size}>
      <span className={classes.pillDot} aria-hidden="true" />
      {label}
    </span>
  );
}
