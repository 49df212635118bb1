import type { TokenScope } from '../access-tokens/scopes';

// Every /api/v1 route and the scope its token needs (README, "Automation:
// tokens, API and CLI"). v1Route() refuses to build a handler that is not in
// this table, and test/api-v1/route-table.test.ts fails when a route file
// under app/api/v1 has a method without an entry, so no route ships unscoped.
// `admin: true` also needs the owner to be a portal admin (the drift report,
// which is not admin-only by its scope alone). `scope: null` is public.

export type V1Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface V1Requirement {
  scope: TokenScope | null;
  admin?: boolean;
}

export const V1_ROUTES: Readonly<Record<string, Partial<Record<V1Method, V1Requirement>>>> = {
  '/api/v1/openapi.json': { GET: { scope: null } },
  '/api/v1/products': { GET: { scope: 'products:read' }, POST: { scope: 'products:write' } },
  '/api/v1/products/[id]': { GET: { scope: 'products:read' }, PATCH: { scope: 'products:write' } },
  '/api/v1/products/[id]/openapi': { PUT: { scope: 'products:write' } },
  '/api/v1/products/[id]/versions': { GET: { scope: 'products:read' } },
  '/api/v1/products/[id]/versions/[number]': { GET: { scope: 'products:read' } },
  '/api/v1/products/[id]/deprecation': { PUT: { scope: 'products:write' }, DELETE: { scope: 'products:write' } },
  '/api/v1/apps': { GET: { scope: 'apps:read' }, POST: { scope: 'apps:write' } },
  '/api/v1/apps/[id]': { GET: { scope: 'apps:read' } },
  '/api/v1/subscriptions': { GET: { scope: 'subscriptions:approve' } },
  '/api/v1/subscriptions/[id]/approve': { POST: { scope: 'subscriptions:approve' } },
  '/api/v1/subscriptions/[id]/reject': { POST: { scope: 'subscriptions:approve' } },
  '/api/v1/audit': { GET: { scope: 'audit:read' } },
  '/api/v1/drift': { GET: { scope: 'products:read', admin: true } },
  '/api/v1/drift/reconcile': { POST: { scope: 'products:write' } },
};

export function requirementFor(path: string, method: V1Method): V1Requirement | undefined {
  return V1_ROUTES[path]?.[method];
}
