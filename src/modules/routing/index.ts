export {
  agentStateIntervals,
  type AgentStateInterval,
  recordAgentState,
  setAgentState,
  getAgentState,
  agentStates,
} from './agent-states.ts';
export { runRouting, type RoutingOutcome } from './routing.service.ts';
export { runRoutingCycle } from './routing-cycle.ts';
export { escalateTicket, deescalateTicket, tierShares } from './escalation.service.ts';
export { registerRoutingWork, routingCycleJob } from './routing.jobs.ts';
export { routingRoutes } from './routing.routes.ts';
