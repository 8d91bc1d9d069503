/**
 * fast-check arbitraries built from the JSON schemas of the OpenAPI document:
 * values that satisfy a schema but carry hostile content, and mutations that
 * break it in every way a client can (wrong types, missing and extra fields,
 * oversized strings, deep nesting, non-objects).
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
}

const hostileStrings = [
  "'; drop table marks; --",
  "1' or '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '\u0000\u0001\u0002',
  '\u202e\u200b\ufeff',
  '𝕆𝕥𝕞𝕖𝕥𝕜𝕒 😀',
  'Ёжик в тумане',
  '%s%s%s%n',
  '${jndi:ldap://x}',
  '{{7*7}}',
  ' ',
  '',
  '2023-02-30',
  '0000-00-00',
  '9999-99-99',
  'NaN',
  '-1',
];

const hostileString = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 2_147_483_647, 2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, 1e-9),
  fc.integer(),
);

function schemaTypes(schema: JsonSchema): string[] {
  if (schema.const !== undefined) return ['const'];
  if (schema.enum) return ['enum'];
  if (schema.anyOf || schema.oneOf) return ['union'];
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : ['any'];
}

/** A value of the schema's shape with hostile content; it may or may not pass its limits. */
export function shaped(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const [type] = schemaTypes(schema);
  switch (type) {
    case 'const':
      return fc.constant(schema.const);
    case 'enum':
      return fc.constantFrom(...(schema.enum as unknown[]));
    case 'union':
      return fc.oneof(...(schema.anyOf ?? schema.oneOf ?? []).map((s) => shaped(s, depth + 1)));
    case 'string':
      if (schema.format === 'date') {
        return fc.oneof(
          fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
          fc.constantFrom('2023-02-30', '2026-13-01', '2026-00-10', '26-1-1'),
        );
      }
      return hostileString;
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: Math.max(schema.minimum ?? -1000, -1000), max: Math.min(schema.maximum ?? 1000, 1000) }),
        hostileNumber,
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(shaped(schema.items ?? {}, depth + 1), { maxLength: 4 });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(props).map(([key, s]) => [key, shaped(s, depth + 1)] as const);
      const record: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(entries);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
    }
    default:
      return fc.oneof(hostileString, hostileNumber, fc.constant(null));
  }
}

function deepNest(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** A body that violates the schema for certain (when the schema is an object with constraints). */
export function broken(schema: JsonSchema): fc.Arbitrary<{ mutation: string; value: unknown }> {
  const props = schema.properties ?? {};
  const keys = Object.keys(props);
  const required = schema.required ?? [];
  const valid = shaped(schema) as fc.Arbitrary<Record<string, unknown>>;
  const options: Array<fc.Arbitrary<{ mutation: string; value: unknown }>> = [
    fc.constantFrom<unknown>([], 'text', 42, true, null).map((value) => ({ mutation: 'not an object', value })),
    fc.constant({ mutation: 'deep JSON', value: deepNest(2000) }),
  ];
  if (schema.additionalProperties === false) {
    options.push(valid.map((v) => ({ mutation: 'extra field', value: { ...v, __proto_pollution__: { polluted: true }, zz_unknown: 'x' } })));
  }
  if (required.length > 0) {
    options.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([v, key]) => {
        const copy = { ...v };
        delete copy[key];
        return { mutation: `missing ${key}`, value: copy };
      }),
    );
  }
  if (keys.length > 0) {
    options.push(
      fc.tuple(valid, fc.constantFrom(...keys)).chain(([v, key]) =>
        wrongType(props[key]!).map((bad) => ({ mutation: `wrong type of ${key}`, value: { ...v, [key]: bad } })),
      ),
    );
    const limited = keys.filter((k) => props[k]!.maxLength !== undefined);
    if (limited.length > 0) {
      options.push(
        fc.tuple(valid, fc.constantFrom(...limited)).map(([v, key]) => ({
          mutation: `oversized ${key}`,
          value: { ...v, [key]: 'я'.repeat(props[key]!.maxLength! + 1) },
        })),
      );
    }
  }
  return fc.oneof(...options);
}

/** A value whose JSON type the schema does not allow. */
function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const types = schemaTypes(schema);
  if (types.includes('enum') || types.includes('const')) return fc.constantFrom<unknown>('not-one-of-them', 12345, { x: 1 });
  if (types.includes('union') || types.includes('any')) return fc.constant({ unexpected: { deeply: [1, 2, 3] } });
  const byType: Array<[string[], unknown]> = [
    [['string'], 'text'],
    [['integer', 'number'], 7],
    [['number'], 12.5],
    [['boolean'], true],
    [['object'], { x: 1 }],
    [['array'], [1]],
    [['null'], null],
  ];
  const wrong = byType.filter(([accepting]) => !accepting.some((t) => types.includes(t))).map(([, v]) => v);
  return fc.constantFrom(...wrong);
}
