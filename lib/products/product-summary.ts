import { booleanColumn, dateColumn, nullableColumn } from '../db-sql';
import type { Prisma } from '../generated/prisma/client';
import { storedList } from './listing';

// A product as the lists show it: only listing columns, never the OpenAPI
// document (docs/architecture.md, "Catalog and lists at scale").

export interface ProductSummary {
  slug: string;
  apiProductId: string;
  name: string;
  description: string;
  version: string;
  approvalRequired: boolean;
  scope: string | null;
  operationCount: number;
  tags: string[];
  updatedAt: string;
  /** Deprecated: the sunset day (YYYY-MM-DD), lib/versions/. */
  sunset?: string;
}

/** A product as the app page's subscribe menu lists it. */
export type CatalogOption = Pick<ProductSummary, 'apiProductId' | 'name' | 'approvalRequired'>;

/** The columns a summary is made of: what every list query of products selects. */
export const productSummarySelect = {
  slug: true,
  apiProductId: true,
  name: true,
  description: true,
  version: true,
  approvalRequired: true,
  scope: true,
  operationCount: true,
  tags: true,
  updatedAt: true,
  deprecatedAt: true,
  sunsetAt: true,
} satisfies Prisma.ApiProductSelect;

export type ProductSummaryRow = Prisma.ApiProductGetPayload<{ select: typeof productSummarySelect }>;

export function toProductSummary(row: ProductSummaryRow): ProductSummary {
  return {
    slug: row.slug,
    apiProductId: row.apiProductId,
    name: row.name,
    description: row.description,
    version: row.version,
    approvalRequired: row.approvalRequired,
    scope: row.scope,
    operationCount: row.operationCount,
    tags: storedList(row.tags),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.deprecatedAt && { sunset: row.sunsetAt?.toISOString().slice(0, 10) ?? '' }),
  };
}

/** The summary columns in SQL, for the lists that read through the driver (lib/db-sql.ts), from "ApiProduct" p. */
export const SUMMARY_COLUMNS = Object.keys(productSummarySelect)
  .map((c) => `p."${c}"`)
  .join(', ');

/** The typed row from a row of SUMMARY_COLUMNS (read through the driver, so untyped). */
export function summaryRowFromSql(row: Record<string, unknown>): ProductSummaryRow {
  return {
    slug: String(row.slug),
    apiProductId: String(row.apiProductId),
    name: String(row.name),
    description: String(row.description),
    version: String(row.version),
    approvalRequired: booleanColumn(row.approvalRequired),
    scope: nullableColumn(row.scope, String),
    operationCount: Number(row.operationCount),
    tags: String(row.tags),
    updatedAt: dateColumn(row.updatedAt),
    deprecatedAt: nullableColumn(row.deprecatedAt, dateColumn),
    sunsetAt: nullableColumn(row.sunsetAt, dateColumn),
  };
}

/** A summary from a row of SUMMARY_COLUMNS. */
export const summaryFromSql = (row: Record<string, unknown>): ProductSummary => toProductSummary(summaryRowFromSql(row));
