export { erlangAMetrics, erlangB, erlangC, erlangCMetrics } from './erlang.ts';
export { staffingFor, staffingForIntervals, trafficOf } from './staffing.ts';
export { staffingCommand, type StaffingCommandOptions } from './staffing-command.ts';
export type { StaffingRequest, StaffingResult, StaffingBatchResult } from './wfm.schemas.ts';
export { wfmRoutes } from './wfm.routes.ts';
export { forecastVolumes, type ChannelForecast, type ContactCount } from './forecast.ts';
export { requirementsFor, ruleFor, type ChannelStaffingRule } from './requirements.ts';
export { solveSchedule, type ScheduleProblem, type ScheduleSolution } from './schedule-optimiser.ts';
export { adherenceOf, type AgentAdherence } from './adherence.ts';
