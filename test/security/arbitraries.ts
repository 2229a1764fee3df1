/**
 * fast-check arbitraries built from the JSON Schemas of the OpenAPI document: values that fit the
 * schema (edge values included), values of the wrong type, unknown extra fields and arbitrary JSON.
 */
import fc from 'fast-check';
import type { JsonSchema } from './openapi.ts';

export const anyString = (maxLength = 40) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.constantFrom('', ' ', '\t\n', '0', '-1', 'null', 'true', '%00', '../../etc/passwd', "' or 1=1 --", '<script>x</script>'),
  );

export const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }));

const numberEdge = fc.oneof(
  fc.integer({ min: -3, max: 5 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 1e300, -1e300, 0.5, -0),
);

const hugeString = fc.integer({ min: 5_000, max: 120_000 }).map((length) => 'é'.repeat(length));

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** Values that follow the schema's shape (but not always its limits). */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return anyJson;
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (alternatives.length) return fc.oneof(...alternatives.map((s) => fromSchema(s, depth + 1)));
  if (schema.allOf?.length) return fromSchema(Object.assign({}, ...schema.allOf), depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length)
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: anyString(12) });
  const types = typesOf(schema);
  const options: fc.Arbitrary<unknown>[] = [];
  for (const type of types) {
    switch (type) {
      case 'string':
        if (schema.format === 'email') options.push(fc.oneof(fc.emailAddress(), anyString(20)));
        else if (schema.format === 'date-time' || schema.format === 'date')
          options.push(
            fc.oneof(
              fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              fc.constantFrom('2026-13-45', 'yesterday', '0000-00-00T00:00:00Z'),
            ),
          );
        else
          options.push(
            fc.oneof({ weight: 6, arbitrary: anyString(Math.min(schema.maxLength ?? 40, 80)) }, { weight: 1, arbitrary: hugeString }),
          );
        break;
      case 'integer':
        options.push(
          fc.oneof(
            { weight: 3, arbitrary: fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 50, 1e9) }) },
            { weight: 1, arbitrary: numberEdge },
          ),
        );
        break;
      case 'number':
        options.push(numberEdge);
        break;
      case 'boolean':
        options.push(fc.boolean());
        break;
      case 'null':
        options.push(fc.constant(null));
        break;
      case 'array':
        options.push(fc.array(fromSchema(schema.items, depth + 1), { maxLength: 4 }));
        break;
      case 'object':
        options.push(objectFrom(schema, depth));
        break;
    }
  }
  if (!types.length && schema.properties) options.push(objectFrom(schema, depth));
  return options.length ? fc.oneof(...options) : anyJson;
}

function objectFrom(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of names) record[name] = fromSchema(properties[name], depth + 1);
  const required = new Set(schema.required ?? []);
  const base = names.length
    ? fc.record(record, { requiredKeys: names.filter((n) => required.has(n)) })
    : fc.constant({} as Record<string, unknown>);
  return base as fc.Arbitrary<Record<string, unknown>>;
}

/** A body for a route: mostly schema-shaped, sometimes with wrong types, extra fields, or anything at all. */
export function bodyFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const shaped = fromSchema(schema);
  const fieldNames = Object.keys(schema?.properties ?? {});
  const wrongTyped = fieldNames.length
    ? fc
        .tuple(shaped, fc.constantFrom(...fieldNames), fc.oneof(anyJson, anyString(30), numberEdge, hugeString))
        .map(([value, name, wrong]) => (value && typeof value === 'object' ? { ...value, [name]: wrong } : { [name]: wrong }))
    : anyJson;
  const withExtra = fc
    .tuple(shaped, anyString(12), anyJson)
    .map(([value, key, extra]) =>
      value && typeof value === 'object' && !Array.isArray(value) ? { ...value, [key || 'extra']: extra } : value,
    );
  return fc.oneof(
    { weight: 5, arbitrary: shaped },
    { weight: 3, arbitrary: wrongTyped },
    { weight: 1, arbitrary: withExtra },
    { weight: 1, arbitrary: anyJson },
  );
}

/** A query-string value for a parameter: fitting its schema or not. */
export function queryValue(schema: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fromSchema(schema).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))) },
    { weight: 1, arbitrary: anyString(30) },
    { weight: 1, arbitrary: fc.base64String({ maxLength: 60 }) },
  );
}

/** A path segment: often an id that exists, else anything that is not a positive integer. */
export function pathValue(schema: JsonSchema, realIds: number[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(realIds.length ? realIds : [1])).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'abc',
        '-1',
        '0',
        '99999999999999999999',
        '1.5',
        '1e3',
        '0x1f',
        'NaN',
        '%20',
        '9007199254740993',
        '00001',
        '+7',
      ),
    },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
    {
      weight: 1,
      arbitrary: fromSchema(schema)
        .map((v) => String(v ?? ''))
        .filter((s) => s.length > 0),
    },
  );
}
