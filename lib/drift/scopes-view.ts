import type { Db } from '../db';
import type { IdpAdapter } from '../idp/types';
import { ownerLabel } from '../apps/owner';

// The scopes view: each product's scope as the IdP itself reports it, and
// which clients hold it (from the IdP's client list), mapped back to portal
// applications by client id. What the portal believes is beside it, so a
// difference is visible at a glance (the drift report explains it).

export interface ScopeHolder {
  clientId: string;
  clientName: string;
  app: { id: string; name: string; owner: string } | null;
}

export interface ScopeRow {
  apiProductId: string;
  /** The scope as the IdP reports it; null when the IdP does not know the product. */
  idpScope: string | null;
  /** The scope the portal recorded when it published the product. */
  portalScope: string | null;
  product: { name: string; slug: string } | null;
  holders: ScopeHolder[];
}

export interface ScopesView {
  idp: string;
  rows: ScopeRow[];
  /** Scopes clients hold that name no product the IdP lists. */
  unknownScopes: { scope: string; holders: ScopeHolder[] }[];
}

export async function scopesView(db: Db, idp: IdpAdapter): Promise<ScopesView> {
  const [idpProducts, clients, products] = await Promise.all([
    idp.listApiProducts(),
    idp.listClients(),
    db.apiProduct.findMany({ select: { apiProductId: true, name: true, slug: true, scope: true }, orderBy: { name: 'asc' } }),
  ]);
  const apps = await db.application.findMany({
    where: { clientId: { in: clients.map((c) => c.clientId) } },
    select: { id: true, name: true, clientId: true, ownerUser: { select: { email: true } }, ownerTeam: { select: { name: true } } },
  });
  const appByClient = new Map(apps.map((a) => [a.clientId!, { id: a.id, name: a.name, owner: ownerLabel(a) }]));
  const holdersOf = (scope: string): ScopeHolder[] =>
    clients
      .filter((c) => c.scopes.includes(scope))
      .map((c) => ({ clientId: c.clientId, clientName: c.clientName, app: appByClient.get(c.clientId) ?? null }))
      .sort((a, b) => (a.app?.name ?? a.clientName).localeCompare(b.app?.name ?? b.clientName));

  const byId = new Map(products.map((p) => [p.apiProductId, p]));
  const rows: ScopeRow[] = idpProducts.map((p) => {
    const portal = byId.get(p.id);
    return {
      apiProductId: p.id,
      idpScope: p.scope,
      portalScope: portal?.scope ?? null,
      product: portal ? { name: portal.name, slug: portal.slug } : null,
      holders: holdersOf(p.scope),
    };
  });
  const listed = new Set(idpProducts.map((p) => p.id));
  for (const p of products) {
    if (!listed.has(p.apiProductId))
      rows.push({
        apiProductId: p.apiProductId,
        idpScope: null,
        portalScope: p.scope,
        product: { name: p.name, slug: p.slug },
        holders: [],
      });
  }
  rows.sort((a, b) => (a.product?.name ?? a.apiProductId).localeCompare(b.product?.name ?? b.apiProductId));

  const known = new Set(idpProducts.map((p) => p.scope));
  const unknown = [...new Set(clients.flatMap((c) => c.scopes))].filter((s) => !known.has(s)).sort();
  return { idp: idp.kind, rows, unknownScopes: unknown.map((scope) => ({ scope, holders: holdersOf(scope) })) };
}
