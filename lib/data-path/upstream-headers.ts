// The headers an admitted request carries to the upstream API: who the caller
// is. For a client-credentials token the subject is the client itself; for a
// person's token (web, spa and native apps) it is the person, and
// the client is the application they used; for an exchanged token (RFC 8693)
// the subject is the original caller and the client the API that exchanged it.
// The names are configurable (LANYARD_AUTHZ_*_HEADER), since upstreams often
// expect their own; the gateway strips client-sent copies of whichever it uses.

export interface UpstreamHeaderNames {
  clientId: string;
  subject: string;
  scopes: string;
}

export const DEFAULT_UPSTREAM_HEADERS: UpstreamHeaderNames = {
  clientId: 'x-lanyard-client-id',
  subject: 'x-lanyard-subject',
  scopes: 'x-lanyard-scopes',
};

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/** Header names from LANYARD_AUTHZ_CLIENT_ID_HEADER, _SUBJECT_HEADER and _SCOPES_HEADER, lower-cased; a bad name stops the process. */
export function upstreamHeadersFromEnv(source: Record<string, string | undefined>): UpstreamHeaderNames {
  const pick = (variable: string, fallback: string) => {
    const value = source[variable]?.trim();
    if (!value) return fallback;
    if (!TOKEN.test(value)) throw new Error(`${variable} must be an HTTP header name (letters, digits and - only)`);
    return value.toLowerCase();
  };
  const names = {
    clientId: pick('LANYARD_AUTHZ_CLIENT_ID_HEADER', DEFAULT_UPSTREAM_HEADERS.clientId),
    subject: pick('LANYARD_AUTHZ_SUBJECT_HEADER', DEFAULT_UPSTREAM_HEADERS.subject),
    scopes: pick('LANYARD_AUTHZ_SCOPES_HEADER', DEFAULT_UPSTREAM_HEADERS.scopes),
  };
  if (new Set(Object.values(names)).size !== 3) throw new Error('LANYARD_AUTHZ_*_HEADER names must differ from each other');
  return names;
}
