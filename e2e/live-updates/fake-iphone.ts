import { readZip } from '@wp/pkpass/testing';
import { ApiClient, ApiResponse } from '@wp/testing';
import { randomBytes } from 'node:crypto';

/** What Wallet keeps about a pass it holds: where to ask about it, and what it last got. */
export interface HeldPass {
  passTypeIdentifier: string;
  serialNumber: string;
  authenticationToken: string;
  webServiceURL: string;
  passJson: Record<string, any>;
  lastModified: string | null;
}

export const passJsonOf = (pkpass: Buffer): Record<string, any> => JSON.parse(readZip(pkpass)['pass.json'].toString('utf8'));

/** The value of a pass.json field, wherever on the card it sits. */
export function fieldValue(passJson: Record<string, any>, key: string): unknown {
  const fields = Object.values(passJson.storeCard as Record<string, Array<{ key: string; value: unknown }>>).flat();
  return fields.find((field) => field.key === key)?.value;
}

/**
 * An iPhone's Wallet, as far as the PassKit web service can tell: it adds
 * a downloaded .pkpass, reads webServiceURL and authenticationToken from its pass.json,
 * registers with its push token, and on a push lists the serials updated since its tag and
 * fetches each with If-Modified-Since.
 */
export class FakeIPhone {
  readonly deviceLibraryIdentifier = randomBytes(16).toString('hex');
  readonly pushToken = randomBytes(32).toString('hex');
  readonly passes = new Map<string, HeldPass>();
  /** The `lastUpdated` of the last list, sent back as passesUpdatedSince. */
  tag: string | null = null;

  constructor(private readonly scheme: 'ApplePass' | 'AndroidPass' = 'ApplePass', pushToken?: string) {
    if (pushToken) this.pushToken = pushToken;
  }

  /** Adds a downloaded pass, as Wallet does from Safari or Mail. */
  add(pkpass: Buffer, lastModified: string | null): HeldPass {
    const passJson = passJsonOf(pkpass);
    const held: HeldPass = {
      passTypeIdentifier: passJson.passTypeIdentifier,
      serialNumber: passJson.serialNumber,
      authenticationToken: passJson.authenticationToken,
      webServiceURL: passJson.webServiceURL,
      passJson,
      lastModified,
    };
    this.passes.set(held.serialNumber, held);
    return held;
  }

  webService(held: HeldPass): ApiClient {
    return new ApiClient(held.webServiceURL);
  }

  private auth(held: HeldPass, token = held.authenticationToken): Record<string, string> {
    return { authorization: `${this.scheme} ${token}` };
  }

  private registrationPath(held: HeldPass): string {
    return `/v1/devices/${this.deviceLibraryIdentifier}/registrations/${held.passTypeIdentifier}/${held.serialNumber}`;
  }

  register(held: HeldPass, token?: string): Promise<ApiResponse> {
    return this.webService(held).post(this.registrationPath(held), { pushToken: this.pushToken }, { headers: this.auth(held, token) });
  }

  unregister(held: HeldPass, token?: string): Promise<ApiResponse> {
    return this.webService(held).delete(this.registrationPath(held), { headers: this.auth(held, token) });
  }

  /** GET the serials updated since the tag; remembers the new tag. */
  async listUpdated(held: HeldPass, method: 'GET' | 'HEAD' = 'GET'): Promise<ApiResponse<{ serialNumbers: string[]; lastUpdated: string }>> {
    const query = this.tag === null ? '' : `?passesUpdatedSince=${encodeURIComponent(this.tag)}`;
    const response = await this.webService(held).request(method, `/v1/devices/${this.deviceLibraryIdentifier}/registrations/${held.passTypeIdentifier}${query}`);
    if (method === 'GET' && response.status === 200) this.tag = response.body.lastUpdated;
    return response;
  }

  /** GET the latest pass, conditionally; keeps what a 200 brings. */
  async fetch(held: HeldPass, options: { method?: 'GET' | 'HEAD'; token?: string; conditional?: boolean } = {}): Promise<ApiResponse> {
    const headers = this.auth(held, options.token);
    if (options.conditional !== false && held.lastModified) headers['if-modified-since'] = held.lastModified;
    const response = await this.webService(held).request(options.method ?? 'GET', `/v1/passes/${held.passTypeIdentifier}/${held.serialNumber}`, { headers });
    if ((options.method ?? 'GET') === 'GET' && response.status === 200) {
      held.passJson = passJsonOf(response.bytes);
      held.lastModified = response.headers.get('last-modified');
    }
    return response;
  }

  /** What Wallet does on a push: list what changed since its tag, then fetch each serial. */
  async sync(held: HeldPass): Promise<{ list: ApiResponse; fetches: ApiResponse[] }> {
    const list = await this.listUpdated(held);
    const fetches: ApiResponse[] = [];
    if (list.status === 200) {
      for (const serial of list.body.serialNumbers) {
        const pass = this.passes.get(serial);
        if (pass) fetches.push(await this.fetch(pass));
      }
    }
    return { list, fetches };
  }
}
