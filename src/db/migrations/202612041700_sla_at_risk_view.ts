import { type Kysely, sql } from 'kysely';

/** The shared "SLA at risk" view, now that the search language knows SLA clocks: most urgent first. */
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('saved_views')
    .set({ position: sql`position + 1` })
    .where('owner_user_id', 'is', null)
    .where('position', '>=', 1)
    .execute();
  await db
    .insertInto('saved_views')
    .values({
      owner_user_id: null,
      name: 'SLA at risk',
      query: 'sla:at_risk,breached status<solved order_by:sla',
      position: 1,
      created_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('saved_views').where('owner_user_id', 'is', null).where('name', '=', 'SLA at risk').execute();
  await db
    .updateTable('saved_views')
    .set({ position: sql`position - 1` })
    .where('owner_user_id', 'is', null)
    .where('position', '>', 1)
    .execute();
}
