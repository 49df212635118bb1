-- The catalog's default order (lib/products/catalog.ts): lower(name) in
-- byte order, then id in byte order, as the query spells it. Prisma's schema
-- cannot say an expression index, so it lives here only (like the trigram index).
CREATE INDEX "ApiProduct_name_lower_idx" ON "ApiProduct"(lower("name") COLLATE "C", "id" COLLATE "C");
