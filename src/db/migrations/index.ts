import type { Migration } from 'kysely/migration';
import * as foundation from './202611230900_foundation.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '202611230900_foundation': foundation,
};
