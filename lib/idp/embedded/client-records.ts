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

/**
 * Inside a transaction on PostgreSQL: locks client rows (all of them without
 * `clientId`) until the transaction ends, so that a read-modify-write of a
 * client record by another replica waits instead of overwriting this one
 * (SELECT … FOR UPDATE). SQLite runs one write transaction at a time, so
 * there is nothing to do there.
 */
export async function lockClientRows(tx: Tx, postgres: boolean, clientId?: string): Promise<void> {
  if (!postgres) return;
  if (clientId) await tx.$queryRaw`SELECT 1 AS locked FROM "OidcPayload" WHERE "model" = ${MODEL} AND "id" = ${clientId} FOR UPDATE`;
  else await tx.$queryRaw`SELECT 1 AS locked FROM "OidcPayload" WHERE "model" = ${MODEL} FOR UPDATE`;
}

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

/** The client with exactly this name. Names are case-sensitive, as in Okta and Cognito: `lanyard-Foo` is not `lanyard-foo`. */
export async function findClientByName(store: Store, clientName: string): Promise<ClientRecord | undefined> {
  const fragment = JSON.stringify({ client_name: clientName }).slice(1, -1);
  // The text match narrows the rows (case-insensitively, on both databases); the exact name decides.
  const rows = await store.oidcPayload.findMany({ where: { model: MODEL, payload: { contains: fragment } } });
  return rows.map((row) => JSON.parse(row.payload) as ClientRecord).find((record) => record.client_name === clientName);
}
