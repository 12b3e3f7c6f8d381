import fc from 'fast-check';

/** Just enough of an OpenAPI 3 document to drive requests from it. */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
}
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: OpenApiSchema;
}
export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** Strings a careless handler trips over: NUL, control characters, huge, markup, traversal. */
const NASTY_STRINGS = ['', ' ', '\u0000', 'a\u0000b', '\u0007\u001b[31m', '💳🎉', '<script>alert(1)</script>', "'; DROP TABLE members; --", '../../etc/passwd', '%00', 'x'.repeat(5000), '\uD800', 'null', '-1', '1e309'];
const NASTY_NUMBERS = [-1, 0, 0.5, -0.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MIN_VALUE];

export const nastyScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...NASTY_STRINGS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.boolean(),
  fc.constant(null),
);

/** Any JSON value, shallow: scalars above, small arrays and objects of them. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyScalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 10 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

export function resolve(document: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) current = document.components?.schemas?.[current.$ref.split('/').pop() ?? ''];
  return current;
}

/**
 * A value that mostly fits `schema` (right type, enum members, uuids, every property) and
 * sometimes does not, so requests both reach handlers and probe validation.
 */
export function valueFor(document: OpenApiDocument, raw: OpenApiSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  if (!schema || depth > 4) return anyJson;
  const variants = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  let fitting: fc.Arbitrary<unknown>;
  if (variants?.length) fitting = fc.oneof(...variants.map((variant) => valueFor(document, variant, depth + 1)));
  else if (schema.enum?.length) fitting = fc.constantFrom(...schema.enum);
  else if (schema.type === 'object' || schema.properties) fitting = objectFor(document, schema, depth);
  else if (schema.type === 'array') fitting = fc.array(valueFor(document, schema.items, depth + 1), { maxLength: 4 });
  else if (schema.type === 'integer') fitting = fc.oneof(fc.integer({ min: -10, max: 10_000 }), fc.constantFrom(...NASTY_NUMBERS));
  else if (schema.type === 'number') fitting = fc.double({ noNaN: true, noDefaultInfinity: true });
  else if (schema.type === 'boolean') fitting = fc.boolean();
  else if (schema.format === 'uuid') fitting = fc.uuid();
  else if (schema.format === 'date-time') fitting = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  else if (schema.format === 'email') fitting = fc.emailAddress();
  else if (schema.format === 'uri' || schema.format === 'url') fitting = fc.webUrl();
  else if (schema.type === 'string') fitting = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...NASTY_STRINGS));
  else fitting = anyJson;
  return fc.oneof({ arbitrary: fitting, weight: 4 }, { arbitrary: anyJson, weight: 1 });
}

function objectFor(document: OpenApiDocument, schema: OpenApiSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const known = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, valueFor(document, property, depth + 1)])), {
    requiredKeys: (schema.required ?? []).filter((name) => schema.properties?.[name]),
  });
  // Now and then a field the contract does not know, which must be refused, not ignored.
  const extra = fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), anyJson, { maxKeys: 2 }), { freq: 4 });
  return fc.tuple(known, extra).map(([fields, more]) => ({ ...(more ?? {}), ...fields }));
}
