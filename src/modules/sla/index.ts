export { slaRoutes } from './sla.routes.ts';
export {
  cachedSlaSetup,
  detectBreaches,
  type DetectResult,
  loadSlaSetup,
  type NewTicketFacts,
  recomputeAll,
  type RecomputeAllResult,
  recomputeSlaForTicket,
  recomputeSlaForTickets,
  SlaSetup,
  startSlaForNewTicket,
} from './sla-engine.ts';
export { addBusinessTime, BusinessCalendar, businessTimeBetween, type CalendarSpec, isOpenAt } from './business-hours.ts';
export type { ClockState, ClockStatus } from './sla-clock.ts';
export type { SlaPolicy, SlaTarget } from './sla-policy.ts';
export { nextDeadlines } from './sla.repository.ts';
export { recomputeJob, registerSlaJobs } from './sla.jobs.ts';
