import { describe, expect, it } from 'vitest';
import { allowedNext, canTransition, statusAfterAgentTouch, statusAfterCustomerReply, ticketStatuses } from './ticket-status.ts';

describe('the ticket status machine', () => {
  it('lets a new ticket be opened, put on pending or hold, or solved, but never closed directly', () => {
    expect(allowedNext('new')).toEqual(['open', 'pending', 'on_hold', 'solved']);
    expect(canTransition('new', 'closed')).toBe(false);
  });

  it('closes only solved tickets', () => {
    for (const from of ticketStatuses) {
      expect(canTransition(from, 'closed')).toBe(from === 'solved' || from === 'closed');
    }
  });

  it('treats closed as final', () => {
    for (const to of ticketStatuses) expect(canTransition('closed', to)).toBe(to === 'closed');
  });

  it('never goes back to new', () => {
    for (const from of ticketStatuses) if (from !== 'new') expect(canTransition(from, 'new')).toBe(false);
  });

  it('reopens solved, pending and on-hold tickets when the customer replies', () => {
    expect(statusAfterCustomerReply('solved')).toBe('open');
    expect(statusAfterCustomerReply('pending')).toBe('open');
    expect(statusAfterCustomerReply('on_hold')).toBe('open');
    expect(statusAfterCustomerReply('new')).toBe('new');
    expect(statusAfterCustomerReply('open')).toBe('open');
  });

  it('opens a new ticket when an agent touches it', () => {
    expect(statusAfterAgentTouch('new')).toBe('open');
    expect(statusAfterAgentTouch('pending')).toBe('pending');
  });
});
