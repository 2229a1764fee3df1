export { createCustomer, ensureCustomerForEmail, resolveRequester, getCustomer } from './customers.service.ts';
export { createOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.service.ts';
export { findCustomerById, findOrganizationById } from './customers.repository.ts';
export { normaliseIdentity } from './identities.ts';
export { customerRoutes } from './customers.routes.ts';
export { requesterInput, type RequesterInput, type CustomerView } from './customers.schemas.ts';
