/** Declares one request/response pair of the wire contract. */
export interface Rpc<Req, Res> {
  request: Req;
  response: Res;
}

/** Credentials-change notices, published on Redis pub/sub so every gateway replica drops its cache. */
export const CREDENTIALS_CHANGED_CHANNEL = 'credentials.changed';
