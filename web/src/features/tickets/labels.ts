import type { TicketPriority, TicketStatus, TicketType } from './types.ts';

export const statusLabels: Record<TicketStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  on_hold: 'On hold',
  solved: 'Solved',
  closed: 'Closed',
};

/** How a requester sees the status: the internal waiting states are simply "open" to them. */
export const customerStatusLabels: Record<TicketStatus, string> = {
  new: 'Open',
  open: 'Open',
  pending: 'Awaiting your reply',
  on_hold: 'Open',
  solved: 'Solved',
  closed: 'Closed',
};

export const customerStatusHints: Record<TicketStatus, string> = {
  new: 'We have your request and will answer soon',
  open: 'Our team is working on it',
  pending: 'We need something from you; reply to continue',
  on_hold: 'Our team is working on it',
  solved: 'We think this is answered; reply to reopen it',
  closed: 'This request is closed',
};

/** What each status means, for tooltips and the "Submit as" menu. */
export const statusHints: Record<TicketStatus, string> = {
  new: 'Nobody has worked on it yet',
  open: 'Waiting on us',
  pending: 'Waiting on the customer',
  on_hold: 'Waiting on a third party',
  solved: 'Answered; reopens if the customer replies',
  closed: 'Final; a new reply starts a follow-up',
};

export const statusColors: Record<TicketStatus, string> = {
  new: 'yellow',
  open: 'red',
  pending: 'blue',
  on_hold: 'dark',
  solved: 'gray',
  closed: 'gray',
};

export const priorityLabels: Record<TicketPriority, string> = {
  p1: 'P1 · Urgent',
  p2: 'P2 · High',
  p3: 'P3 · Normal',
  p4: 'P4 · Low',
};

export const priorityColors: Record<TicketPriority, string> = {
  p1: 'red',
  p2: 'orange',
  p3: 'blue',
  p4: 'gray',
};

export const typeLabels: Record<TicketType, string> = {
  question: 'Question',
  incident: 'Incident',
  problem: 'Problem',
  task: 'Task',
};

export const channelLabels: Record<string, string> = {
  email: 'Email',
  web: 'Web form',
  chat: 'Chat',
  voice: 'Phone',
  api: 'API',
  messaging: 'Messaging',
  social: 'Social',
  portal: 'Help center',
};

export const channelLabel = (channel: string | null | undefined): string => (channel ? (channelLabels[channel] ?? channel) : '');

/** Where a status may go next (mirrors the server's rules so the menus only offer valid moves). */
export const nextStatuses: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

/** Statuses an agent can submit a reply as. */
export const submitStatuses: readonly TicketStatus[] = ['open', 'pending', 'on_hold', 'solved'];
