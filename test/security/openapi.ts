/**
 * The API's own description of itself, read from /api/v1/openapi.json: every operation with its
 * access rule (`x-access`), parameters and body schema. The security tests are generated from it,
 * so a route added tomorrow is covered without touching them.
 */
import type { App } from '../../src/platform/http.ts';
import { permissionsOf, roles } from '../../src/platform/permissions.ts';
import type { Role } from '../../src/db/schema.ts';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | JsonSchema;
  [key: string]: unknown;
};

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. /api/v1/tickets/{id}. */
  path: string;
  access: unknown;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | undefined;
  bodyType: string | undefined;
}

export async function loadOperations(app: App): Promise<Operation[]> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`openapi.json answered ${response.statusCode}`);
  const doc = response.json() as { paths: Record<string, Record<string, any>> };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters ?? []) as { in: string; name: string; schema: JsonSchema; required?: boolean }[];
      const content = op.requestBody?.content as Record<string, { schema: JsonSchema }> | undefined;
      const bodyType = content ? Object.keys(content)[0] : undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        access: op['x-access'],
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required === true })),
        body: bodyType && content ? content[bodyType]?.schema : undefined,
        bodyType,
      });
    }
  }
  return operations.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** Every permission some role holds: an access rule naming anything else is a mistake. */
export const knownPermissions = new Set(roles.flatMap((role) => permissionsOf(role)));

export type Expectation = 'public' | 'allowed' | 'denied';

/** What the declared rule promises for a role: `public` and `signed_in` let everyone in; a list needs any one permission. */
export function expectationFor(access: unknown, role: Role): Expectation {
  if (access === 'public') return 'public';
  if (access === 'signed_in') return 'allowed';
  const needed = (Array.isArray(access) ? access : [access]) as string[];
  const held = new Set<string>(permissionsOf(role));
  return needed.some((permission) => held.has(permission)) ? 'allowed' : 'denied';
}

export function isValidRule(access: unknown): boolean {
  if (access === 'public' || access === 'signed_in') return true;
  const list = Array.isArray(access) ? access : [access];
  return list.length > 0 && list.every((permission) => typeof permission === 'string' && knownPermissions.has(permission as never));
}

/** Fills the path template with one value per parameter. */
export function fillPath(op: Operation, value: (name: string, schema: JsonSchema) => string): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const param = op.pathParams.find((p) => p.name === name);
    return encodeURIComponent(value(name, param?.schema ?? {}));
  });
}

export function isNumeric(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('integer') || types.includes('number')) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].some(isNumeric);
}
