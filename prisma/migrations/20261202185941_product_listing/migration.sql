-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiProduct" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiProductId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "version" TEXT NOT NULL DEFAULT '1.0.0',
    "openapi" TEXT NOT NULL,
    "approvalRequired" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "deprecatedAt" DATETIME,
    "sunsetAt" DATETIME,
    "operationCount" INTEGER NOT NULL DEFAULT 0,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "servers" TEXT NOT NULL DEFAULT '[]',
    "searchText" TEXT NOT NULL DEFAULT '',
    "listingVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ApiProduct" ("apiProductId", "approvalRequired", "createdAt", "deprecatedAt", "description", "id", "name", "openapi", "scope", "slug", "sunsetAt", "updatedAt", "version") SELECT "apiProductId", "approvalRequired", "createdAt", "deprecatedAt", "description", "id", "name", "openapi", "scope", "slug", "sunsetAt", "updatedAt", "version" FROM "ApiProduct";
DROP TABLE "ApiProduct";
ALTER TABLE "new_ApiProduct" RENAME TO "ApiProduct";
CREATE UNIQUE INDEX "ApiProduct_apiProductId_key" ON "ApiProduct"("apiProductId");
CREATE UNIQUE INDEX "ApiProduct_slug_key" ON "ApiProduct"("slug");
CREATE INDEX "ApiProduct_updatedAt_idx" ON "ApiProduct"("updatedAt");
CREATE INDEX "ApiProduct_listingVersion_idx" ON "ApiProduct"("listingVersion");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Catalog search (docs/adr/0009-catalog-search-trigram-indexes.md): an FTS5
-- index with the trigram tokenizer over searchText, so a search for any
-- substring of three or more characters is an index lookup. Its rowid is the
-- product row's rowid; triggers keep it in step with ApiProduct. A later
-- migration that redefines ApiProduct (Prisma's copy-and-rename) drops these
-- triggers and renumbers rowids: it must rebuild this table and the triggers
-- (test/products/catalog-migration.test.ts fails otherwise).
CREATE VIRTUAL TABLE "ApiProductSearch" USING fts5("productId" UNINDEXED, "searchText", tokenize = 'trigram');
INSERT INTO "ApiProductSearch" ("rowid", "productId", "searchText") SELECT "rowid", "id", "searchText" FROM "ApiProduct";
CREATE TRIGGER "ApiProduct_search_insert" AFTER INSERT ON "ApiProduct" BEGIN
    INSERT INTO "ApiProductSearch" ("rowid", "productId", "searchText") VALUES (NEW."rowid", NEW."id", NEW."searchText");
END;
CREATE TRIGGER "ApiProduct_search_update" AFTER UPDATE OF "searchText" ON "ApiProduct" BEGIN
    UPDATE "ApiProductSearch" SET "searchText" = NEW."searchText" WHERE "rowid" = OLD."rowid";
END;
CREATE TRIGGER "ApiProduct_search_delete" AFTER DELETE ON "ApiProduct" BEGIN
    DELETE FROM "ApiProductSearch" WHERE "rowid" = OLD."rowid";
END;
