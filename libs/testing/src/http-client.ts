import { request as httpRequest } from 'node:http';
import { validatorFor } from './openapi-validator';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  /** The body as received, for binary responses such as a .pkpass. */
  bytes: Buffer;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** Send this exact string as the body (for malformed-JSON and content-type cases). */
  rawBody?: string | Buffer;
  /** Redirects are never followed; the 3xx and its Location come back as they are. */
  redirect?: 'manual';
}

/** One request and what came back, as the journal of a fleet keeps it. */
export interface ApiExchange {
  method: string;
  path: string;
  status: number;
  text: string;
}

/** A thin HTTP client that speaks to the gateway the way an integrator's code would. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
    /** Every exchange of this client and the clients derived from it is appended here. */
    private readonly journal?: ApiExchange[],
  ) {}

  with(headers: Record<string, string>): ApiClient {
    return new ApiClient(this.baseUrl, { ...this.defaultHeaders, ...headers }, this.journal);
  }

  withApiKey(apiKey: string): ApiClient {
    return this.with({ 'x-api-key': apiKey });
  }

  withBearer(token: string): ApiClient {
    return this.with({ authorization: `Bearer ${token}` });
  }

  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...this.defaultHeaders, ...opts.headers };
    let body: string | Buffer | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = new URL(`${this.baseUrl}${path}`);
    const response = await send(url, method, headers, body);
    this.journal?.push({ method, path, status: response.status, text: response.text });
    // Every answer must be one the served OpenAPI document describes.
    if (url.pathname !== '/openapi.json') {
      const problems = (await validatorFor(url.origin))?.problems({ method, url, ...response }) ?? [];
      if (problems.length) throw new Error(`response differs from the OpenAPI document:\n${problems.join('\n')}`);
    }
    let parsed: unknown = response.text;
    if ((response.headers.get('content-type') ?? '').includes('json') && response.text) {
      parsed = JSON.parse(response.text);
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text: response.text, bytes: response.bytes };
  }

  get<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('GET', path, opts);
  }
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('POST', path, { ...opts, body });
  }
  put<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PUT', path, { ...opts, body });
  }
  patch<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...opts, body });
  }
  delete<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('DELETE', path, opts);
  }
}

/**
 * node:http rather than fetch: fetch silently drops a `Host` header, and the gateway picks
 * the service that answers `/health` by the Host label. Redirects are never followed.
 */
function send(url: URL, method: string, headers: Record<string, string>, body: string | Buffer | undefined): Promise<{ status: number; headers: Headers; text: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, one);
        }
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, text: bytes.toString('utf8'), bytes });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
