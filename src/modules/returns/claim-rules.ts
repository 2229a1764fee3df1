/** Returns and warranty: intake validation with rejection reasons, and the claim workflow. */

export const claimKinds = ['return', 'warranty'] as const;
export type ClaimKind = (typeof claimKinds)[number];

export const claimStatuses = [
  'requested',
  'approved',
  'rejected',
  'label_issued',
  'received',
  'inspected',
  'refunded',
  'replaced',
] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

/** The policy: days after purchase a return is accepted, and a warranty runs. */
export const claimPolicy = { returnWindowDays: 30, warrantyDays: 365 } as const;

export interface ClaimIntake {
  kind: ClaimKind;
  order_reference: string;
  item: string;
  serial_number: string;
  purchase_date: string | null;
  reason: string;
  photos: string[];
}

export interface RejectionReason {
  code: string;
  field?: string;
  message: string;
}

const serialPattern = /^[A-Z0-9][A-Z0-9-]{3,39}$/i;

/** Whole days from the purchase date to today (both calendar dates, UTC). */
function daysSince(purchaseDate: string, today: Date): number {
  const purchased = Date.parse(`${purchaseDate}T00:00:00Z`);
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((day - purchased) / 86_400_000);
}

/** Every reason the claim cannot be accepted as filed; none means it is accepted for review. */
export function validateClaim(claim: ClaimIntake, today: Date, policy = claimPolicy): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  const missing = (field: keyof ClaimIntake, label: string) =>
    reasons.push({ code: 'missing_data', field, message: `${label} is required.` });
  if (!claim.order_reference.trim()) missing('order_reference', 'The order number');
  if (!claim.item.trim()) missing('item', 'The item');
  if (!claim.reason.trim()) missing('reason', 'The reason');
  if (claim.kind === 'warranty') {
    if (!claim.serial_number.trim()) missing('serial_number', 'For a warranty claim, the serial number');
    else if (!serialPattern.test(claim.serial_number.trim())) {
      reasons.push({
        code: 'inconsistent_data',
        field: 'serial_number',
        message: 'The serial number must be 4 to 40 letters, digits or dashes.',
      });
    }
    if (!claim.photos.length) missing('photos', 'For a warranty claim, at least one photo of the fault');
  }
  if (!claim.purchase_date) {
    missing('purchase_date', 'The purchase date');
    return reasons;
  }
  const age = daysSince(claim.purchase_date, today);
  if (Number.isNaN(age)) {
    reasons.push({ code: 'inconsistent_data', field: 'purchase_date', message: 'The purchase date is not a valid date.' });
  } else if (age < 0) {
    reasons.push({ code: 'inconsistent_data', field: 'purchase_date', message: 'The purchase date is in the future.' });
  } else if (claim.kind === 'return' && age > policy.returnWindowDays) {
    reasons.push({
      code: 'outside_return_window',
      field: 'purchase_date',
      message: `Returns are accepted within ${policy.returnWindowDays} days of purchase; this item was bought ${age} days ago.`,
    });
  } else if (claim.kind === 'warranty' && age > policy.warrantyDays) {
    reasons.push({
      code: 'warranty_expired',
      field: 'purchase_date',
      message: `The warranty covers ${policy.warrantyDays} days from purchase; this item was bought ${age} days ago.`,
    });
  }
  return reasons;
}

/** Where each status may go next. A rejected claim can be corrected and filed again (back to requested). */
export const claimTransitions: Record<ClaimStatus, readonly ClaimStatus[]> = {
  requested: ['approved', 'rejected'],
  rejected: ['requested'],
  approved: ['label_issued', 'rejected'],
  label_issued: ['received'],
  received: ['inspected'],
  inspected: ['refunded', 'replaced', 'rejected'],
  refunded: [],
  replaced: [],
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return claimTransitions[from].includes(to);
}

/** Statuses after which the claim is closed (for cycle time). */
export const closedStatuses: readonly ClaimStatus[] = ['refunded', 'replaced', 'rejected'];
