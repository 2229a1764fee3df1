import type { Migration } from 'kysely/migration';
import * as foundation from './202611230900_foundation.ts';
import * as viewsAndSignInLinks from './202611231000_views_and_sign_in_links.ts';
import * as sla from './202611231100_sla.ts';
import * as automation from './202612041000_automation.ts';
import * as channels from './202612041100_channels.ts';
import * as routing from './202612041300_routing.ts';
import * as kb from './202612041200_kb.ts';
import * as wfm from './202612041400_wfm.ts';
import * as feedback from './202612041500_feedback.ts';
import * as analytics from './202612041600_analytics.ts';
import * as slaAtRiskView from './202612041700_sla_at_risk_view.ts';
import * as chat from './202612050300_chat.ts';
import * as security from './202612050500_security.ts';
import * as privacy from './202612050400_privacy.ts';
import * as proactive from './202612050600_proactive.ts';
import * as analyticsRollups from './202612050700_analytics_rollups.ts';
import * as intake from './202612050100_intake.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '202611230900_foundation': foundation,
  '202611231000_views_and_sign_in_links': viewsAndSignInLinks,
  '202611231100_sla': sla,
  '202612041000_automation': automation,
  '202612041100_channels': channels,
  '202612041200_kb': kb,
  '202612041300_routing': routing,
  '202612041400_wfm': wfm,
  '202612041500_feedback': feedback,
  '202612041600_analytics': analytics,
  '202612041700_sla_at_risk_view': slaAtRiskView,
  '202612050300_chat': chat,
  '202612050500_security': security,
  '202612050400_privacy': privacy,
  '202612050600_proactive': proactive,
  '202612050700_analytics_rollups': analyticsRollups,
  '202612050100_intake': intake,
};
