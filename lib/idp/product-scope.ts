import { isUriProductId } from './api-product-id';

// How an API product's id becomes the scope string in an access token, per IdP.
// One function, used by the adapters, the data-path check and the generated
// gateway policy, so the three can never disagree.
//
// - embedded, Okta: the scope is the product id itself (`tracks`).
// - Cognito: scopes live on a resource server and appear in tokens as
//   `<resource-server>/<scope-name>`. A plain id `tracks` becomes
//   `<resource-server>/tracks`; an id that is a URI must already start with
//   `<resource-server>/` (Cognito's resource-server scopes:
//   the product id is then the scope, e.g. http://api.example.com/tracks) and then is the scope as it is.

export type ScopeStyle = { kind: 'plain' } | { kind: 'resource-server'; identifier: string };

export function productScope(apiProductId: string, style: ScopeStyle): string {
  if (style.kind === 'plain') return apiProductId;
  return isUriProductId(apiProductId) ? apiProductId : `${style.identifier}/${apiProductId}`;
}

/** The Cognito scope name (the part after `<resource-server>/`), or undefined if the id cannot live on that server. */
export function cognitoScopeName(apiProductId: string, resourceServer: string): string | undefined {
  if (!isUriProductId(apiProductId)) return apiProductId;
  const prefix = `${resourceServer}/`;
  const name = apiProductId.startsWith(prefix) ? apiProductId.slice(prefix.length) : '';
  return name && !name.includes(' ') ? name : undefined;
}
