import { describe, expect, it } from 'vitest';
import { type ClaimIntake, canTransition, claimStatuses, claimTransitions, validateClaim } from './claim-rules.ts';

const today = new Date('2026-03-02T09:00:00Z');
const warranty: ClaimIntake = {
  kind: 'warranty',
  order_reference: 'ORD-1001',
  item: 'Router X2',
  serial_number: 'SN-12345',
  purchase_date: '2025-06-01',
  reason: 'Does not power on',
  photos: ['photo-1.jpg'],
};

describe('claim intake validation', () => {
  it('accepts a complete warranty claim inside the warranty period', () => {
    expect(validateClaim(warranty, today)).toEqual([]);
  });

  it('names every missing field', () => {
    const reasons = validateClaim({ ...warranty, order_reference: ' ', serial_number: '', photos: [] }, today);
    expect(reasons.map((r) => [r.code, r.field])).toEqual([
      ['missing_data', 'order_reference'],
      ['missing_data', 'serial_number'],
      ['missing_data', 'photos'],
    ]);
    expect(reasons[1]?.message).toBe('For a warranty claim, the serial number is required.');
  });

  it('refuses a warranty that ran out, counting calendar days', () => {
    expect(validateClaim({ ...warranty, purchase_date: '2025-03-02' }, today)).toEqual([]); // day 365
    const [reason] = validateClaim({ ...warranty, purchase_date: '2025-03-01' }, today); // day 366
    expect(reason).toMatchObject({ code: 'warranty_expired', field: 'purchase_date' });
    expect(reason?.message).toContain('366 days ago');
  });

  it('applies the 30-day window to returns, and needs no serial or photo for them', () => {
    const base = { ...warranty, kind: 'return' as const, serial_number: '', photos: [] };
    expect(validateClaim({ ...base, purchase_date: '2026-01-31' }, today)).toEqual([]);
    expect(validateClaim({ ...base, purchase_date: '2026-01-30' }, today)[0]?.code).toBe('outside_return_window');
  });

  it('refuses inconsistent data: a future purchase date, an impossible serial number, a non-date', () => {
    expect(validateClaim({ ...warranty, purchase_date: '2026-03-03' }, today)[0]?.code).toBe('inconsistent_data');
    expect(validateClaim({ ...warranty, serial_number: 'no spaces!' }, today)[0]).toMatchObject({
      code: 'inconsistent_data',
      field: 'serial_number',
    });
    expect(validateClaim({ ...warranty, purchase_date: '2026-02-31x' }, today)[0]?.code).toBe('inconsistent_data');
  });
});

describe('claim workflow', () => {
  it('follows requested → approved → label issued → received → inspected → refunded or replaced', () => {
    const path = ['requested', 'approved', 'label_issued', 'received', 'inspected', 'refunded'] as const;
    for (let i = 1; i < path.length; i += 1) expect(canTransition(path[i - 1] as never, path[i] as never)).toBe(true);
    expect(canTransition('inspected', 'replaced')).toBe(true);
    expect(canTransition('inspected', 'rejected')).toBe(true);
  });

  it('refuses skipped steps and leaves closed claims closed', () => {
    expect(canTransition('requested', 'label_issued')).toBe(false);
    expect(canTransition('approved', 'received')).toBe(false);
    expect(canTransition('received', 'refunded')).toBe(false);
    for (const status of claimStatuses) {
      expect(canTransition('refunded', status)).toBe(false);
      expect(canTransition('replaced', status)).toBe(false);
    }
    expect(claimTransitions.rejected).toEqual(['requested']);
  });
});
