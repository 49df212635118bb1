import { db } from '../db';
import { env, type Env } from '../env';
import { embeddedAdapter } from './embedded/adapter';
import { embeddedProvider } from './embedded/runtime';
import type { IdpAdapter, IdpKind } from './types';

// The adapter the portal uses, chosen by LANYARD_SPI_ADAPTER (default: the
// sign-in IdP, LANYARD_IDP). Nothing outside lib/idp/ knows which one it is.

const holder = globalThis as unknown as { __lanyardIdpAdapter?: IdpAdapter };

export function adapterKind(e: Env = env()): IdpKind {
  return e.LANYARD_SPI_ADAPTER ?? e.LANYARD_IDP;
}

export function createAdapter(e: Env): IdpAdapter {
  const kind = adapterKind(e);
  switch (kind) {
    case 'embedded':
      return embeddedAdapter({ portalUrl: e.LANYARD_URL, db, provider: embeddedProvider });
    default:
      throw new Error(`The ${kind} adapter is not available in this build`);
  }
}

export function idp(): IdpAdapter {
  holder.__lanyardIdpAdapter ??= createAdapter(env());
  return holder.__lanyardIdpAdapter;
}

/** Tests swap the adapter for one pointed at a stand-in. */
export function useIdp(adapter: IdpAdapter): void {
  holder.__lanyardIdpAdapter = adapter;
}
