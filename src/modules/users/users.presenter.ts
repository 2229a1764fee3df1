import type { GroupRow, UserRow } from '../../db/schema.ts';
import { iso } from '../../platform/schemas.ts';
import type { GroupView, UserView } from './users.schemas.ts';
import type { UserSkill } from './users.repository.ts';

export function presentUser(row: UserRow, skills: UserSkill[] = [], groupIds: number[] = []): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    tier: row.tier,
    languages: row.languages,
    time_zone: row.time_zone,
    active: row.active,
    customer_id: row.customer_id,
    skills,
    group_ids: groupIds,
    last_sign_in_at: iso(row.last_sign_in_at),
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}

export function presentGroup(row: GroupRow, memberIds: number[] = []): GroupView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tier: row.tier,
    member_ids: memberIds,
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}
