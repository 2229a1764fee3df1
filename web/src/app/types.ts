/** Shapes the API returns that more than one feature area uses. */

export type Role = 'customer' | 'associate' | 'engineer' | 'manager' | 'tam' | 'analyst' | 'head_of_support' | 'admin';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  tier: number | null;
  languages: string[];
  time_zone?: string;
  skills: { name: string; proficiency: number }[];
  group_ids: number[];
  active: boolean;
  customer_id?: number | null;
}

export interface Group {
  id: number;
  name: string;
  description: string;
  tier: number | null;
  member_ids: number[];
}

export interface Session {
  user: User;
  csrf_token: string;
  expires_at: string;
}
