export { slaRoutes } from './sla.routes.ts';
export {
  detectBreaches,
  type DetectResult,
  loadSlaSetup,
  recomputeAll,
  type RecomputeAllResult,
  recomputeSlaForTicket,
  recomputeSlaForTickets,
  SlaSetup,
} from './sla-engine.ts';
export { addBusinessTime, BusinessCalendar, businessTimeBetween, type CalendarSpec, isOpenAt } from './business-hours.ts';
export type { ClockState, ClockStatus } from './sla-clock.ts';
export type { SlaPolicy, SlaTarget } from './sla-policy.ts';
export { nextDeadlines } from './sla.repository.ts';
