-- The documents move to the end of their rows (docs/adr/0012-documents-around-the-query-compiler.md).
-- SQLite stores a row's columns in order, and a column after a big text is
-- reached through that text's overflow pages: the home page's six newest
-- products read 9.7 ms of pages when one of them was GitHub's 7 MB
-- description, 0.6 ms with the document last. PostgreSQL keeps big values
-- out of line (TOAST), so only SQLite needs this.
--
-- Copy-and-rename, as Prisma redefines a table, keeping each row's rowid:
-- the catalog's FTS5 table is keyed by it (docs/adr/0009-catalog-search-trigram-indexes.md),
-- and its triggers, dropped with the old table, are made again below.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiProduct" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiProductId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "version" TEXT NOT NULL DEFAULT '1.0.0',
    "approvalRequired" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "deprecatedAt" DATETIME,
    "sunsetAt" DATETIME,
    "operationCount" INTEGER NOT NULL DEFAULT 0,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "servers" TEXT NOT NULL DEFAULT '[]',
    "listingVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "openapi" TEXT NOT NULL
);
INSERT INTO "new_ApiProduct" ("rowid", "id", "apiProductId", "slug", "name", "description", "version", "approvalRequired", "scope", "deprecatedAt", "sunsetAt", "operationCount", "tags", "servers", "listingVersion", "createdAt", "updatedAt", "searchText", "openapi")
SELECT "rowid", "id", "apiProductId", "slug", "name", "description", "version", "approvalRequired", "scope", "deprecatedAt", "sunsetAt", "operationCount", "tags", "servers", "listingVersion", "createdAt", "updatedAt", "searchText", "openapi" FROM "ApiProduct";
DROP TABLE "ApiProduct";
ALTER TABLE "new_ApiProduct" RENAME TO "ApiProduct";
CREATE UNIQUE INDEX "ApiProduct_apiProductId_key" ON "ApiProduct"("apiProductId");
CREATE UNIQUE INDEX "ApiProduct_slug_key" ON "ApiProduct"("slug");
CREATE INDEX "ApiProduct_updatedAt_idx" ON "ApiProduct"("updatedAt");
CREATE INDEX "ApiProduct_listingVersion_idx" ON "ApiProduct"("listingVersion");

CREATE TABLE "new_ProductVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "productId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "changes" TEXT NOT NULL DEFAULT '{}',
    "breaking" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openapi" TEXT NOT NULL,
    CONSTRAINT "ProductVersion_productId_fkey" FOREIGN KEY ("productId") REFERENCES "ApiProduct" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProductVersion" ("rowid", "id", "productId", "number", "version", "changes", "breaking", "createdById", "createdAt", "openapi")
SELECT "rowid", "id", "productId", "number", "version", "changes", "breaking", "createdById", "createdAt", "openapi" FROM "ProductVersion";
DROP TABLE "ProductVersion";
ALTER TABLE "new_ProductVersion" RENAME TO "ProductVersion";
CREATE UNIQUE INDEX "ProductVersion_productId_number_key" ON "ProductVersion"("productId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The search index, rebuilt from the rows (their rowids kept, so this is a
-- safeguard), and its triggers.
DELETE FROM "ApiProductSearch";
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
