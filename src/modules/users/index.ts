export { createUser, getUser, listUsers, updateUser } from './users.service.ts';
export { findUserByEmail, findUserById } from './users.repository.ts';
export { findGroupByName } from './groups.repository.ts';
export { userRoutes } from './users.routes.ts';
export type { UserView } from './users.schemas.ts';
export { userSchema } from './users.schemas.ts';
export { createGroup, listGroups } from './groups.service.ts';
