import { describe, expect, it } from 'vitest';
import { describeLiveChange, fieldErrorsOf } from '../web/src/features/tickets/changes.ts';
import type { SavedView } from '../web/src/features/tickets/types.ts';
import { parseSortParam, searchPath, sortOf, sortParam, viewByQuery, withSort, withoutSort } from '../web/src/features/tickets/views.ts';
import { ApiError } from '../web/src/app/api.ts';

const view = (id: number, query: string): SavedView => ({
  id,
  name: `View ${id}`,
  query,
  shared: true,
  position: id,
  count: 0,
  updated_at: '',
});

describe('ticket list sorting in the search language', () => {
  it('reads order_by and sort, with the server defaults', () => {
    expect(sortOf('status<solved')).toEqual({ field: 'updated', direction: 'desc' });
    expect(sortOf('status<solved order_by:priority')).toEqual({ field: 'priority', direction: 'asc' });
    expect(sortOf('order_by:created sort:asc tag:vip')).toEqual({ field: 'created', direction: 'asc' });
    expect(sortOf('ORDER_BY:ID')).toEqual({ field: 'id', direction: 'desc' });
  });

  it('replaces the ordering and keeps quoted phrases whole', () => {
    expect(withSort('"order_by:priority in a phrase" order_by:id', { field: 'status', direction: 'asc' })).toBe(
      '"order_by:priority in a phrase" order_by:status sort:asc',
    );
    expect(withSort('group:"Tier 2" order_by:priority sort:asc', { field: 'updated', direction: 'desc' })).toBe('group:"Tier 2"');
    expect(withoutSort('a  order_by:id   sort:asc b')).toBe('a b');
  });

  it('round-trips the &sort= parameter and ignores nonsense', () => {
    expect(parseSortParam(sortParam({ field: 'priority', direction: 'asc' }))).toEqual({ field: 'priority', direction: 'asc' });
    expect(parseSortParam('subject-asc')).toBeUndefined();
    expect(parseSortParam(null)).toBeUndefined();
  });
});

describe('views and search addresses', () => {
  const views = [view(1, 'assignee:me status<solved'), view(3, 'status<solved')];

  it('maps a search equal to a view onto the view', () => {
    expect(viewByQuery(views, '  status<solved ')?.id).toBe(3);
    expect(searchPath('status<solved', views)).toBe('/tickets?view=3');
    expect(searchPath('tag:vip  status<solved', views)).toBe('/tickets?q=tag%3Avip%20status%3Csolved');
  });
});

describe('live change notices and field errors', () => {
  it('says what changed in words', () => {
    expect(describeLiveChange(['ticket.field_changed'], ['priority'])).toBe('changed the priority');
    expect(describeLiveChange(['comment.added', 'ticket.field_changed'], ['status', 'assignee_id'])).toBe(
      'added a message and changed the status and assignee',
    );
    expect(describeLiveChange(['ticket.merged', 'ticket.field_changed'], ['status'])).toBe('merged this ticket into another');
    expect(describeLiveChange([], [])).toBe('updated this ticket');
  });

  it('puts API validation errors by field', () => {
    const single = new ApiError(400, 'validation_failed', 'A resolution code is required to solve a ticket.', [
      { path: 'resolution_code', message: 'required when solving' },
    ]);
    expect(fieldErrorsOf(single)).toEqual({ resolution_code: 'A resolution code is required to solve a ticket.' });
    const several = new ApiError(400, 'validation_failed', 'Invalid request', [
      { path: 'body.subject', message: 'Too small' },
      { path: 'custom_fields.plan', message: 'must be one of: Free, Team' },
    ]);
    expect(fieldErrorsOf(several)).toEqual({ subject: 'Too small', 'custom_fields.plan': 'must be one of: Free, Team' });
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
  });
});
