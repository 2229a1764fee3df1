export { erlangAMetrics, erlangB, erlangC, erlangCMetrics } from './erlang.ts';
export { staffingFor, staffingForIntervals, trafficOf } from './staffing.ts';
export { staffingCommand, type StaffingCommandOptions } from './staffing-command.ts';
export type { StaffingRequest, StaffingResult, StaffingBatchResult } from './wfm.schemas.ts';
export { wfmRoutes } from './wfm.routes.ts';
