import 'server-only';
import type { Db } from '../db';
import { appIdFromClientName, type IdpAdapter, type IdpKind } from '../idp/types';

// The drift report (docs/architecture.md, "Flows"): what the portal's database and the IdP
// disagree on. The IdP's side is read through the adapter only (listClients,
// listApiProducts), never derived from the portal's tables.
//
// - orphanClients: IdP clients named lanyard-<appId> that no portal
//   application uses.
// - missingClients: applications whose client the IdP does not have.
// - scopeDrift: a client's scopes in the IdP are not exactly the scopes of
//   its application's approved subscriptions.
// - productsMissingInIdp / productsMissingInPortal: an API product on one
//   side only.
// - productScopeStale: the scope the portal recorded at publishing is not
//   the one the IdP reports now.
//
// Clients and products that automation created through the IdP Connect SPI
// over HTTP (Gloo's portal server, CI) have no portal record by design; they
// are listed under `spiManaged` (from the audit log's spi.* entries), not as
// drift, and the reconciler leaves them alone.

export interface OrphanClient {
  clientId: string;
  clientName: string;
  /** The application id its name carries (the app itself is gone or uses another client). */
  appId: string | null;
  scopes: string[];
}

export interface MissingClient {
  appId: string;
  appName: string;
  owner: string;
  /** The client id the portal has on record (null if it never had one). */
  clientId: string | null;
  /** The IdP the app's client was created in. */
  idp: string;
  approvedProducts: string[];
}

export interface ScopeDrift {
  appId: string;
  appName: string;
  owner: string;
  clientId: string;
  approvedProducts: string[];
  /** Scopes the approved subscriptions call for. */
  expected: string[];
  /** Scopes the IdP reports for the client. */
  actual: string[];
  missing: string[];
  extra: string[];
}

export interface DriftReport {
  checkedAt: string;
  idp: IdpKind;
  clean: boolean;
  /** How many disagreements there are, all kinds together. */
  issues: number;
  orphanClients: OrphanClient[];
  missingClients: MissingClient[];
  scopeDrift: ScopeDrift[];
  productsMissingInIdp: { apiProductId: string; name: string; slug: string }[];
  productsMissingInPortal: { apiProductId: string; scope: string; description: string }[];
  productScopeStale: { apiProductId: string; name: string; portalScope: string | null; idpScope: string }[];
  spiManaged: { clients: { clientId: string; clientName: string }[]; products: { apiProductId: string; scope: string }[] };
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** Client ids and product ids that automation created through the SPI over HTTP, per the audit log. */
async function createdThroughSpi(db: Db): Promise<{ clientIds: Set<string>; productIds: Set<string> }> {
  const events = await db.auditEvent.findMany({
    where: { action: { in: ['spi.application.create', 'spi.api_product.create'] }, outcome: 'success' },
    select: { action: true, targetId: true, detail: true },
  });
  const clientIds = new Set<string>();
  const productIds = new Set<string>();
  for (const e of events) {
    if (e.action === 'spi.api_product.create') {
      productIds.add(e.targetId);
      continue;
    }
    try {
      const clientId = (JSON.parse(e.detail ?? '{}') as { clientId?: unknown }).clientId;
      if (typeof clientId === 'string') clientIds.add(clientId);
    } catch {
      // a detail that is not JSON names no client
    }
  }
  return { clientIds, productIds };
}

export async function computeDrift(db: Db, idp: IdpAdapter, now = new Date()): Promise<DriftReport> {
  const [clients, idpProducts, products, apps, spi] = await Promise.all([
    idp.listClients(),
    idp.listApiProducts(),
    db.apiProduct.findMany({ select: { apiProductId: true, name: true, slug: true, scope: true }, orderBy: { apiProductId: 'asc' } }),
    db.application.findMany({
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        name: true,
        clientId: true,
        idp: true,
        ownerUser: { select: { email: true } },
        ownerTeam: { select: { name: true } },
        subscriptions: { where: { status: 'approved' }, select: { product: { select: { apiProductId: true } } } },
      },
    }),
    createdThroughSpi(db),
  ]);

  const clientById = new Map(clients.map((c) => [c.clientId, c]));
  const appClientIds = new Set(apps.map((a) => a.clientId).filter((id): id is string => !!id));
  const owner = (a: (typeof apps)[number]) => (a.ownerTeam ? `Team ${a.ownerTeam.name}` : (a.ownerUser?.email ?? 'unknown'));

  const orphanClients: OrphanClient[] = [];
  const spiClients: DriftReport['spiManaged']['clients'] = [];
  for (const c of clients) {
    if (appClientIds.has(c.clientId)) continue;
    const appId = appIdFromClientName(c.clientName);
    if (appId === undefined) continue; // not a client Lanyard manages
    if (spi.clientIds.has(c.clientId)) spiClients.push({ clientId: c.clientId, clientName: c.clientName });
    else orphanClients.push({ clientId: c.clientId, clientName: c.clientName, appId, scopes: sorted(c.scopes) });
  }

  const missingClients: MissingClient[] = [];
  const scopeDrift: ScopeDrift[] = [];
  for (const a of apps) {
    const approvedProducts = sorted(a.subscriptions.map((s) => s.product.apiProductId));
    const client = a.clientId ? clientById.get(a.clientId) : undefined;
    if (!client) {
      missingClients.push({ appId: a.id, appName: a.name, owner: owner(a), clientId: a.clientId, idp: a.idp, approvedProducts });
      continue;
    }
    const expected = sorted(approvedProducts.map((id) => idp.scopeFor(id)));
    const actual = sorted(client.scopes);
    if (expected.join(' ') === actual.join(' ')) continue;
    scopeDrift.push({
      appId: a.id,
      appName: a.name,
      owner: owner(a),
      clientId: client.clientId,
      approvedProducts,
      expected,
      actual,
      missing: expected.filter((s) => !actual.includes(s)),
      extra: actual.filter((s) => !expected.includes(s)),
    });
  }

  const idpProductById = new Map(idpProducts.map((p) => [p.id, p]));
  const portalIds = new Set(products.map((p) => p.apiProductId));
  const productsMissingInIdp = products
    .filter((p) => !idpProductById.has(p.apiProductId))
    .map((p) => ({ apiProductId: p.apiProductId, name: p.name, slug: p.slug }));
  const productScopeStale = products
    .filter((p) => idpProductById.has(p.apiProductId) && idpProductById.get(p.apiProductId)!.scope !== p.scope)
    .map((p) => ({
      apiProductId: p.apiProductId,
      name: p.name,
      portalScope: p.scope,
      idpScope: idpProductById.get(p.apiProductId)!.scope,
    }));
  const productsMissingInPortal: DriftReport['productsMissingInPortal'] = [];
  const spiProducts: DriftReport['spiManaged']['products'] = [];
  for (const p of idpProducts) {
    if (portalIds.has(p.id)) continue;
    if (spi.productIds.has(p.id)) spiProducts.push({ apiProductId: p.id, scope: p.scope });
    else productsMissingInPortal.push({ apiProductId: p.id, scope: p.scope, description: p.description ?? '' });
  }

  const issues =
    orphanClients.length +
    missingClients.length +
    scopeDrift.length +
    productsMissingInIdp.length +
    productsMissingInPortal.length +
    productScopeStale.length;
  return {
    checkedAt: now.toISOString(),
    idp: idp.kind,
    clean: issues === 0,
    issues,
    orphanClients,
    missingClients,
    scopeDrift,
    productsMissingInIdp,
    productsMissingInPortal,
    productScopeStale,
    spiManaged: { clients: spiClients, products: spiProducts },
  };
}
