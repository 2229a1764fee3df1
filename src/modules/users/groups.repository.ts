import { type Kysely, sql } from 'kysely';
import type { Database, GroupRow } from '../../db/schema.ts';

type Db = Kysely<Database>;

export function listGroups(db: Db): Promise<GroupRow[]> {
  return db.selectFrom('groups').selectAll().orderBy('name').execute();
}

export function findGroupById(db: Db, id: number): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGroupByName(db: Db, name: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function membersOf(db: Db, groupIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (groupIds.length === 0) return result;
  const rows = await db
    .selectFrom('group_memberships')
    .select(['group_id', 'user_id'])
    .where('group_id', 'in', groupIds)
    .orderBy('user_id')
    .execute();
  for (const row of rows) result.set(row.group_id, [...(result.get(row.group_id) ?? []), row.user_id]);
  return result;
}

export async function replaceMembers(db: Db, groupId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('group_memberships').where('group_id', '=', groupId).execute();
  if (userIds.length) {
    await db
      .insertInto('group_memberships')
      .values([...new Set(userIds)].map((user_id) => ({ group_id: groupId, user_id })))
      .execute();
  }
}
