import type { ApiProduct } from '../generated/prisma/client';

export interface ProductSummary {
  slug: string;
  apiProductId: string;
  name: string;
  description: string;
  version: string;
  approvalRequired: boolean;
  scope: string | null;
  operationCount: number;
  /** Deprecated: the sunset day (YYYY-MM-DD), lib/versions/. */
  sunset?: string;
}

/** A product as the app page's subscribe menu lists it. */
export type CatalogOption = Pick<ProductSummary, 'apiProductId' | 'name' | 'approvalRequired'>;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export function countOperations(openapi: string): number {
  const doc = JSON.parse(openapi) as { paths?: Record<string, Record<string, unknown>> };
  return Object.values(doc.paths ?? {}).reduce((n, item) => n + Object.keys(item).filter((k) => METHODS.has(k)).length, 0);
}

export function toProductSummary(row: ApiProduct): ProductSummary {
  return {
    slug: row.slug,
    apiProductId: row.apiProductId,
    name: row.name,
    description: row.description,
    version: row.version,
    approvalRequired: row.approvalRequired,
    scope: row.scope,
    operationCount: countOperations(row.openapi),
    ...(row.deprecatedAt && { sunset: row.sunsetAt?.toISOString().slice(0, 10) ?? '' }),
  };
}
