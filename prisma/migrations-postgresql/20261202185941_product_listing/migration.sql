-- AlterTable
ALTER TABLE "ApiProduct" ADD COLUMN     "listingVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "operationCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "servers" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "tags" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "ApiProduct_updatedAt_idx" ON "ApiProduct"("updatedAt");

-- CreateIndex
CREATE INDEX "ApiProduct_listingVersion_idx" ON "ApiProduct"("listingVersion");

-- Catalog search (docs/adr/0009-catalog-search-trigram-indexes.md): a
-- trigram GIN index on lower(searchText), so `lower("searchText") LIKE
-- '%term%'` is an index scan. pg_trgm ships with PostgreSQL (contrib) and is
-- a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "ApiProduct_searchText_trgm_idx" ON "ApiProduct" USING gin (lower("searchText") gin_trgm_ops);
