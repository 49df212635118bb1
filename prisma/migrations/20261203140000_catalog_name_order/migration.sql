-- The catalog's default order (lib/products/catalog.ts): name ignoring case,
-- then id. Without an index SQLite sorted every product for each page (about
-- 1.2 ms at 1,000 products, growing with the catalog); with it a page is a
-- walk of 25 index entries. Prisma's schema cannot say COLLATE NOCASE, so
-- the index lives here only (like the search index).
CREATE INDEX "ApiProduct_name_nocase_idx" ON "ApiProduct"("name" COLLATE NOCASE, "id");
