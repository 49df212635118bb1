import 'server-only';
import type { ClientMetadata } from 'oidc-provider';
import type { Db } from '../../db';
import type { LanyardClientFields } from './provider/client-metadata';

// Reads and writes the embedded IdP's client records: oidc-provider's `Client`
// model in the OidcPayload table, the same rows its storage adapter serves.
// oidc-provider re-reads a client on every request (caching by content hash),
// so a change here takes effect at the very next token request.

export type ClientRecord = ClientMetadata & LanyardClientFields & { client_id: string; client_name: string };

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
type Store = Db | Tx;

const MODEL = 'Client';

export async function readClient(store: Store, clientId: string): Promise<ClientRecord | undefined> {
  const row = await store.oidcPayload.findUnique({ where: { model_id: { model: MODEL, id: clientId } } });
  return row ? (JSON.parse(row.payload) as ClientRecord) : undefined;
}

export async function writeClient(store: Store, record: ClientRecord): Promise<void> {
  const payload = JSON.stringify(record);
  await store.oidcPayload.upsert({
    where: { model_id: { model: MODEL, id: record.client_id } },
    create: { model: MODEL, id: record.client_id, payload },
    update: { payload },
  });
}

export async function removeClient(store: Store, clientId: string): Promise<boolean> {
  const { count } = await store.oidcPayload.deleteMany({ where: { model: MODEL, id: clientId } });
  return count > 0;
}

/** Only clients Lanyard manages carry `lanyard_api_scopes`; the portal's own client is static. */
export async function listManagedClients(store: Store): Promise<ClientRecord[]> {
  const rows = await store.oidcPayload.findMany({ where: { model: MODEL }, orderBy: { id: 'asc' } });
  return rows.map((row) => JSON.parse(row.payload) as ClientRecord).filter((record) => Array.isArray(record.lanyard_api_scopes));
}

export async function findClientByName(store: Store, clientName: string): Promise<ClientRecord | undefined> {
  const fragment = JSON.stringify({ client_name: clientName }).slice(1, -1);
  const row = await store.oidcPayload.findFirst({ where: { model: MODEL, payload: { contains: fragment } } });
  return row ? (JSON.parse(row.payload) as ClientRecord) : undefined;
}
