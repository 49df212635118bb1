-- CreateTable
CREATE TABLE "ProductCall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "productId" TEXT NOT NULL,
    "calleeId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProductCall_productId_fkey" FOREIGN KEY ("productId") REFERENCES "ApiProduct" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProductCall_calleeId_fkey" FOREIGN KEY ("calleeId") REFERENCES "ApiProduct" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProductCall_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerUserId" TEXT,
    "ownerTeamId" TEXT,
    "idp" TEXT NOT NULL,
    "clientId" TEXT,
    "clientName" TEXT,
    "type" TEXT NOT NULL DEFAULT 'service',
    "redirectUris" TEXT NOT NULL DEFAULT '[]',
    "postLogoutRedirectUris" TEXT NOT NULL DEFAULT '[]',
    "clientAuth" TEXT NOT NULL DEFAULT 'client_secret',
    "jwks" TEXT,
    "jwksUri" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Application_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Application" ("clientId", "clientName", "createdAt", "createdById", "description", "id", "idp", "name", "ownerTeamId", "ownerUserId", "updatedAt") SELECT "clientId", "clientName", "createdAt", "createdById", "description", "id", "idp", "name", "ownerTeamId", "ownerUserId", "updatedAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE UNIQUE INDEX "Application_clientId_key" ON "Application"("clientId");
CREATE INDEX "Application_ownerUserId_idx" ON "Application"("ownerUserId");
CREATE INDEX "Application_ownerTeamId_idx" ON "Application"("ownerTeamId");
CREATE INDEX "Application_createdAt_idx" ON "Application"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProductCall_applicationId_idx" ON "ProductCall"("applicationId");

-- CreateIndex
CREATE INDEX "ProductCall_calleeId_idx" ON "ProductCall"("calleeId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductCall_productId_calleeId_applicationId_key" ON "ProductCall"("productId", "calleeId", "applicationId");
