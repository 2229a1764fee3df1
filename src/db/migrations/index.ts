import type { Migration } from 'kysely/migration';
import * as foundation from './202611230900_foundation.ts';
import * as viewsAndSignInLinks from './202611231000_views_and_sign_in_links.ts';
import * as sla from './202611231100_sla.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '202611230900_foundation': foundation,
  '202611231000_views_and_sign_in_links': viewsAndSignInLinks,
  '202611231100_sla': sla,
};
