import { type Kysely, sql } from 'kysely';
import type { Database, Role, UserRow } from '../../db/schema.ts';

type Db = Kysely<Database>;

export interface UserSkill {
  name: string;
  proficiency: number;
}

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export interface UserFilter {
  role?: Role | undefined;
  agentsOnly?: boolean | undefined;
  text?: string | undefined;
  afterId?: number | undefined;
  limit: number;
}

export function listUsers(db: Db, filter: UserFilter): Promise<UserRow[]> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.agentsOnly) query = query.where('role', '<>', 'customer');
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  return query.execute();
}

export async function skillsOf(db: Db, userIds: number[]): Promise<Map<number, UserSkill[]>> {
  const result = new Map<number, UserSkill[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('agent_skills as a')
    .innerJoin('skills as s', 's.id', 'a.skill_id')
    .select(['a.user_id', 's.name', 'a.proficiency'])
    .where('a.user_id', 'in', userIds)
    .orderBy('s.name')
    .execute();
  for (const row of rows) {
    const list = result.get(row.user_id) ?? [];
    list.push({ name: row.name, proficiency: row.proficiency });
    result.set(row.user_id, list);
  }
  return result;
}

export async function groupIdsOf(db: Db, userIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('group_memberships')
    .select(['user_id', 'group_id'])
    .where('user_id', 'in', userIds)
    .orderBy('group_id')
    .execute();
  for (const row of rows) result.set(row.user_id, [...(result.get(row.user_id) ?? []), row.group_id]);
  return result;
}

/** Replaces an agent's skills, creating skill names that do not exist yet. */
export async function replaceSkills(db: Db, userId: number, skills: UserSkill[], now: Date): Promise<void> {
  await db.deleteFrom('agent_skills').where('user_id', '=', userId).execute();
  if (skills.length === 0) return;
  const names = [...new Set(skills.map((s) => s.name))];
  await db
    .insertInto('skills')
    .values(names.map((name) => ({ name, kind: skillKind(name), created_at: now })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const ids = await db.selectFrom('skills').select(['id', 'name']).where('name', 'in', names).execute();
  const idByName = new Map(ids.map((row) => [row.name, row.id]));
  const bySkill = new Map(skills.map((s) => [s.name, s.proficiency]));
  await db
    .insertInto('agent_skills')
    .values([...bySkill].map(([name, proficiency]) => ({ user_id: userId, skill_id: idByName.get(name) as number, proficiency })))
    .execute();
}

/** Skill names may carry their kind as a prefix: `product:billing`, `language:de`, `priority:p1`. */
function skillKind(name: string): 'product' | 'language' | 'priority' | 'channel' | 'other' {
  const prefix = name.split(':')[0];
  return prefix === 'product' || prefix === 'language' || prefix === 'priority' || prefix === 'channel' ? prefix : 'other';
}

export async function replaceGroupMemberships(db: Db, userId: number, groupIds: number[]): Promise<void> {
  await db.deleteFrom('group_memberships').where('user_id', '=', userId).execute();
  if (groupIds.length) {
    await db
      .insertInto('group_memberships')
      .values([...new Set(groupIds)].map((group_id) => ({ group_id, user_id: userId })))
      .execute();
  }
}

export async function existingGroupIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
