import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { request as httpRequest } from 'node:http';

type Json = Record<string, any>;

/** What a response looks like to the validator. */
export interface ObservedResponse {
  method: string;
  url: URL;
  status: number;
  headers: Headers;
  text: string;
}

interface Operation {
  pattern: RegExp;
  pointer: string;
  operation: Json;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const escapePointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

/**
 * Checks real responses against the OpenAPI document the gateway serves: the status must be
 * documented for the operation, the content type must be one it declares, declared headers
 * such as Retry-After must be present, and a JSON body must match the declared schema. Any
 * drift between code and document then fails the test that saw it.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly operations: Array<Operation & { method: string }> = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: Json) {
    // `example` and the other OpenAPI-only keywords are annotations, not constraints.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(nullableRefs(structuredClone(document)), 'openapi');
    for (const [path, item] of Object.entries(document.paths as Json)) {
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const method of METHODS) {
        if (item[method]) this.operations.push({ method, pattern, pointer: `#/paths/${escapePointer(path)}/${method}`, operation: item[method] });
      }
    }
  }

  /** The problems of one response; empty when it matches the document or no operation is documented for it. */
  problems(response: ObservedResponse): string[] {
    const method = response.method.toLowerCase() === 'head' ? 'get' : response.method.toLowerCase();
    const found = this.operations.find((op) => op.method === method && op.pattern.test(response.url.pathname));
    if (!found) return [];
    const where = `${response.method} ${response.url.pathname} → ${response.status}`;
    const responses = found.operation.responses as Json;
    const status = String(response.status);
    const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default' in responses ? 'default' : undefined;
    if (!key) return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
    const declared = this.resolve(responses[key]);
    const problems: string[] = [];
    for (const [name, header] of Object.entries((declared.headers ?? {}) as Json)) {
      if (!response.headers.has(name)) problems.push(`${where}: documented header ${name} is missing (${this.resolve(header).description ?? ''})`);
    }
    if (!declared.content || !response.text || response.method.toLowerCase() === 'head') return problems;
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const media = Object.keys(declared.content).find((m) => m.toLowerCase() === mediaType || m === '*/*');
    if (!media) return [...problems, `${where}: content type ${mediaType || '(none)'} not documented (documented: ${Object.keys(declared.content).join(', ')})`];
    if (!mediaType.includes('json') || !declared.content[media].schema) return problems;
    const pointer =
      typeof responses[key].$ref === 'string'
        ? `${responses[key].$ref}/content/${escapePointer(media)}/schema`
        : `${found.pointer}/responses/${status === key ? status : key}/content/${escapePointer(media)}/schema`;
    const validate = this.validatorFor(pointer);
    if (!validate(JSON.parse(response.text))) {
      const details = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      problems.push(`${where}: body does not match the documented schema: ${details.join('; ')}`);
    }
    return problems;
  }

  private validatorFor(pointer: string): ValidateFunction {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }

  /** Follows a `$ref` to `#/components/...` (responses and headers are referenced, not inlined). */
  private resolve(node: Json): Json {
    if (typeof node?.$ref !== 'string') return node;
    return node.$ref
      .slice(2)
      .split('/')
      .reduce((at: Json, segment: string) => at[segment.replace(/~1/g, '/').replace(/~0/g, '~')], this.document);
  }
}

const validators = new Map<string, Promise<OpenApiValidator | undefined>>();

/**
 * The validator for the gateway at this origin, made once from its GET /openapi.json.
 * Origins that serve no document (fakes, receivers) get none.
 */
export function validatorFor(origin: string): Promise<OpenApiValidator | undefined> {
  let validator = validators.get(origin);
  if (!validator) {
    validator = fetchDocument(new URL('/openapi.json', origin)).then(
      (document) => (document ? new OpenApiValidator(document) : undefined),
      () => {
        // Nothing listening (yet): ask again next time rather than remember the failure.
        validators.delete(origin);
        return undefined;
      },
    );
    validators.set(origin, validator);
  }
  return validator;
}

function fetchDocument(url: URL): Promise<Json | undefined> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return resolve(undefined);
        try {
          const document = JSON.parse(text) as Json;
          resolve(typeof document.openapi === 'string' ? document : undefined);
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * OpenAPI 3.0's `nullable: true` beside `allOf: [$ref]` (how Nest documents a nullable
 * nested object) means "null or that object"; Ajv applies allOf to null too. Rewrite those
 * nodes to JSON Schema's own spelling of the same thing.
 */
function nullableRefs(node: unknown): any {
  if (Array.isArray(node)) return node.map(nullableRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = nullableRefs(value);
  if (out.nullable === true && Array.isArray(out.allOf)) {
    const { nullable: _n, type: _t, ...rest } = out;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return out;
}
