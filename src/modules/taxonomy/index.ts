export { taxonomyRoutes } from './taxonomy.routes.ts';
export {
  findCategory,
  findCategoryById,
  cachedCustomFieldDefinitions,
  customFieldDefinitions,
  getTicketSettings,
  createCategory,
  createCustomField,
  upsertResolutionCode,
  slugify,
} from './taxonomy.service.ts';
export { validateCustomFieldValues } from './custom-field-values.ts';
