/** Outbound contact rules: call-list order, contact windows in the customer's time zone, frequency caps. */

export interface CallCandidate {
  customer_id: number;
  open_balance_cents: number;
  risk_score: number;
  lifetime_value_cents: number;
}

/**
 * Call-list order: higher open balance first, then higher risk, then higher lifetime value, then the
 * older customer (lower id) so the order is stable.
 */
export function orderCallList<T extends CallCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort(
    (a, b) =>
      b.open_balance_cents - a.open_balance_cents ||
      b.risk_score - a.risk_score ||
      b.lifetime_value_cents - a.lifetime_value_cents ||
      a.customer_id - b.customer_id,
  );
}

export interface ContactWindow {
  startHour: number;
  endHour: number;
  /** The customer's IANA time zone; without one, the organisation's default. */
  timeZone: string;
  /** Monday to Friday only (the default), or every day. */
  weekdaysOnly?: boolean;
}

/** The local hour and weekday (0 = Sunday) of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): { hour: number; minute: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { hour: Number(get('hour')), minute: Number(get('minute')), weekday };
}

/** Whether a time zone name is one the runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Whether `at` falls inside the window (Monday to Friday unless the campaign says otherwise), in the customer's own time zone. */
export function withinContactWindow(at: Date, window: ContactWindow): boolean {
  const { hour, weekday } = localTime(at, window.timeZone);
  if ((window.weekdaysOnly ?? true) && (weekday === 0 || weekday === 6)) return false;
  return hour >= window.startHour && hour < window.endHour;
}

/** Whether another contact stays within the cap: at most `maxContacts` in the `capDays` days before `at`. */
export function withinFrequencyCap(previousContacts: readonly Date[], at: Date, maxContacts: number, capDays: number): boolean {
  const since = at.getTime() - capDays * 86_400_000;
  const recent = previousContacts.filter((contact) => contact.getTime() > since && contact.getTime() <= at.getTime()).length;
  return recent < maxContacts;
}

export type Eligibility = 'ok' | 'do_not_contact' | 'outside_window' | 'frequency_cap' | 'callback_later';

/** Why a customer may or may not be contacted now; the first rule that fails wins. */
export function contactEligibility(input: {
  at: Date;
  doNotContact: boolean;
  window: ContactWindow;
  previousContacts: readonly Date[];
  maxContacts: number;
  capDays: number;
  callbackAt: Date | null;
}): Eligibility {
  if (input.doNotContact) return 'do_not_contact';
  if (input.callbackAt && input.callbackAt.getTime() > input.at.getTime()) return 'callback_later';
  if (!withinContactWindow(input.at, input.window)) return 'outside_window';
  // A call-back the customer asked for is not counted against the cap.
  if (!input.callbackAt && !withinFrequencyCap(input.previousContacts, input.at, input.maxContacts, input.capDays)) return 'frequency_cap';
  return 'ok';
}
