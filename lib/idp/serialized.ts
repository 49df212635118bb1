import 'server-only';
import type { Db } from '../db';
import { withLock } from '../locks/with-lock';
import type { IdpAdapter } from './types';

// The adapter the portal uses, with the IdP's own check-then-create steps made
// safe across replicas (docs/architecture.md, "Production topology"):
//
// - createClient and createAppClient look for a client with the app's name
//   before they create one; two processes creating the same app at once
//   would both find none.
// - createApiProduct and deleteApiProduct read the IdP's scope list and write
//   it back (Cognito keeps all scopes on one resource server), so two at once
//   would lose one of them.
//
// Each runs under a named lock; everything else passes straight through.

export function serializedAdapter(adapter: IdpAdapter, db: () => Db): IdpAdapter {
  return Object.assign(Object.create(adapter) as IdpAdapter, {
    createClient: (input: Parameters<IdpAdapter['createClient']>[0]) =>
      withLock(db(), `idp-client:${input.appId}`, () => adapter.createClient(input)),
    createAppClient: (input: Parameters<IdpAdapter['createAppClient']>[0]) =>
      withLock(db(), `idp-client:${input.appId}`, () => adapter.createAppClient(input)),
    createApiProduct: (input: Parameters<IdpAdapter['createApiProduct']>[0]) =>
      withLock(db(), 'idp-api-products', () => adapter.createApiProduct(input)),
    deleteApiProduct: (id: string) => withLock(db(), 'idp-api-products', () => adapter.deleteApiProduct(id)),
  });
}
