// Hostile requests derived from an OpenAPI 3.1 document: for every operation, path ids, query
// strings, bodies and headers that violate what the document declares. Deterministic (no
// randomness), so a failure names a case that can be replayed.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  format?: string;
};

type Parameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  /** Error responses carry one example per catalogue code they can answer. */
  responses?: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }>;
};
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

export type FuzzOperation = { method: string; path: string; operation: Operation };

export type FuzzCase = {
  name: string;
  /** The path with every `{param}` filled. */
  url: string;
  payload?: string;
  headers?: Record<string, string>;
};

const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.has(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

export const hostileIds = ['not-a-uuid', '%00', '..%2F..%2Fetc%2Fpasswd', "1'%20or%20'1'%3D'1", '00000000-0000-0000-0000-000000000000', 'x'.repeat(2048)];

const hostileStrings = ['\u0000', '\u202e\u2066gpj.exe', "' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', '%n%s%x', '\ud800'];

/** A value that the schema accepts, as far as a simple reading of it allows. */
export function plausible(schema: JsonSchema | undefined, key = ''): unknown {
  if (!schema) return 'x';
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.anyOf) return plausible(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], key);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = plausible(schema.properties?.[name], name);
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      if (schema.format === 'uuid') return '01900000-0000-7000-8000-0000000000aa';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (schema.format === 'email' || key === 'email') return 'nobody@fuzz.example';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}

/** Percent-encoding that also carries a lone surrogate, as the bytes a hostile client would send. */
function percentEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

// Rotates through the hostile strings so that each property gets another one.
let index = 0;

/** Values that break one property's declared type, bounds or vocabulary. */
function violations(schema: JsonSchema): unknown[] {
  const out: unknown[] = [null, { nested: { deeper: ['x'] } }];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string' || schema.enum) out.push(12345, 'x'.repeat((schema.maxLength ?? 10_000) + 1), hostileStrings[index++ % hostileStrings.length]);
  if (type === 'integer' || type === 'number') out.push('12', 1e308, 1.5);
  if (type === 'array') out.push('not-an-array', Array.from({ length: (schema.maxItems ?? 1000) + 1 }, () => 'x'));
  if (type === 'boolean') out.push('true');
  return out;
}

function jsonBody(op: Operation): JsonSchema | undefined {
  return op.requestBody?.content?.['application/json']?.schema;
}

/**
 * The hostile cases for one operation. `fillId` gives a real id for a path parameter where the
 * caller has one (so bodies reach the command, not only "not found"); `deep` asks for the full set
 * (bodies and queries per property) rather than the few cases a route-level refusal needs.
 */
export function casesFor(op: FuzzOperation, fillId: (path: string, param: string) => string, deep: boolean): FuzzCase[] {
  const real = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => fillId(op.path, name));
  const cases: FuzzCase[] = [];
  const hasParams = op.path.includes('{');
  const schema = jsonBody(op.operation);
  const base = schema ? (plausible(schema) as Record<string, unknown>) : undefined;
  const json = (name: string, value: unknown, url = real): FuzzCase => ({ name, url, payload: JSON.stringify(value), headers: { 'content-type': 'application/json' } });

  // Cases every caller gets, permitted or not.
  cases.push({ name: 'garbage bearer token', url: real, headers: { authorization: `Bearer ddp_${'A'.repeat(600)}` } });
  if (hasParams) cases.push({ name: 'hostile id', url: op.path.replace(/\{[^}]+\}/g, hostileIds[3]!) });
  if (schema) cases.push(json('prototype pollution', { ...base, __proto__: { isAdmin: true }, constructor: { prototype: { isAdmin: true } } }));
  if (!deep) return cases;

  if (hasParams) for (const id of hostileIds) cases.push({ name: `id ${id.slice(0, 24)}`, url: op.path.replace(/\{[^}]+\}/g, id) });
  for (const p of op.operation.parameters ?? []) {
    if (p.in !== 'query') continue;
    const values = [...violations(p.schema ?? {}).filter((v) => typeof v !== 'object'), '%00'];
    for (const v of values) {
      const encoded = typeof v === 'string' && v.startsWith('%') ? v : percentEncode(String(v));
      cases.push({ name: `query ${p.name}=${String(v).slice(0, 16)}`, url: `${real}?${p.name}=${encoded}&${p.name}=twice` });
    }
  }
  if (schema) {
    cases.push(json('array body', [base]), json('string body', 'hello'), json('null body', null), json('unknown property', { ...base, isAdmin: true, role: 'admin' }));
    cases.push({ name: 'truncated JSON', url: real, payload: '{"a":', headers: { 'content-type': 'application/json' } });
    cases.push({ name: 'form-encoded body', url: real, payload: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    cases.push({ name: 'text body', url: real, payload: 'hello', headers: { 'content-type': 'text/plain' } });
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      for (const bad of violations(prop)) cases.push(json(`${name}=${JSON.stringify(bad)?.slice(0, 20)}`, { ...base, [name]: bad }));
    }
    for (const name of schema.required ?? []) {
      const { [name]: _dropped, ...rest } = base ?? {};
      cases.push(json(`missing ${name}`, rest));
    }
  }
  return cases;
}
