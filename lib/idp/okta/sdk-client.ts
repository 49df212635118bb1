import 'server-only';
import { Client, DefaultRequestExecutor } from '@okta/okta-sdk-nodejs';
import { ConfigLoader } from '@okta/okta-sdk-nodejs/src/config-loader.js';

// The Okta management SDK client, configured only by what Lanyard passes in.
//
// `new Client()` normally layers ~/.okta/okta.yaml, ./okta.yaml and every
// OKTA_CLIENT_* variable under the explicit config (ConfigLoader.applyDefaults).
// A stray OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey or a broken okta.yaml in the
// working directory would then change how the portal talks to Okta, or stop it
// starting. So: every key the loader knows is passed explicitly (explicit wins
// over defaults), and while the client is built — synchronously, so nothing
// else can observe it — applyDefaults is replaced by one that only sets the
// SSWS default, so neither the files nor the variables are read at all.

export interface OktaSdkOptions {
  orgUrl: string;
  apiToken: string;
  /** Abort a management call after this long (network hang → `unavailable`). */
  requestTimeoutMs?: number;
  /**
   * How often the SDK itself waits out a 429 and retries. Default 0: the
   * portal answers `unavailable` with retryAfterSeconds at once instead of
   * holding a web request for up to a minute.
   */
  rateLimitRetries?: number;
}

export function createOktaClient({ orgUrl, apiToken, requestTimeoutMs = 30_000, rateLimitRetries = 0 }: OktaSdkOptions): Client {
  const loader = ConfigLoader.prototype;
  const applyDefaults = loader.applyDefaults;
  loader.applyDefaults = function onlyBuiltInDefaults(this: ConfigLoader) {
    this.apply({ client: { authorizationMode: 'SSWS' } });
  };
  try {
    return new Client({
      orgUrl: orgUrl.replace(/\/+$/, ''),
      token: apiToken,
      authorizationMode: 'SSWS',
      clientId: '',
      scopes: [],
      privateKey: '',
      keyId: '',
      // The SDK caches single-resource GETs in memory; the adapter must always
      // see what Okta holds now (another portal replica may have changed it).
      cacheMiddleware: null,
      requestExecutor: new DefaultRequestExecutor({ maxRetries: rateLimitRetries, requestTimeout: requestTimeoutMs }),
    });
  } finally {
    loader.applyDefaults = applyDefaults;
  }
}

/** Every item of an SDK collection, following Okta's `Link: rel="next"` pages. */
export async function collect<T>(items: AsyncIterable<T | null>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) if (item) out.push(item);
  return out;
}
