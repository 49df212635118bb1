-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "productId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "rateLimit" INTEGER,
    "rateWindow" TEXT,
    "quotaLimit" INTEGER,
    "quotaWindow" TEXT,
    "approvalRequired" BOOLEAN NOT NULL DEFAULT false,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Plan_productId_fkey" FOREIGN KEY ("productId") REFERENCES "ApiProduct" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UsageBucket" (
    "granularity" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "clientId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "latencySumMs" REAL NOT NULL DEFAULT 0,
    "le1" INTEGER NOT NULL DEFAULT 0,
    "le2" INTEGER NOT NULL DEFAULT 0,
    "le5" INTEGER NOT NULL DEFAULT 0,
    "le10" INTEGER NOT NULL DEFAULT 0,
    "le25" INTEGER NOT NULL DEFAULT 0,
    "le50" INTEGER NOT NULL DEFAULT 0,
    "le100" INTEGER NOT NULL DEFAULT 0,
    "le250" INTEGER NOT NULL DEFAULT 0,
    "le500" INTEGER NOT NULL DEFAULT 0,
    "le1000" INTEGER NOT NULL DEFAULT 0,
    "le2500" INTEGER NOT NULL DEFAULT 0,
    "le5000" INTEGER NOT NULL DEFAULT 0,
    "leInf" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("granularity", "start", "clientId", "productId", "outcome")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "reason" TEXT,
    "planId" TEXT,
    "requestedPlanId" TEXT,
    "planRequestedAt" DATETIME,
    "planRequestedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Subscription_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_productId_fkey" FOREIGN KEY ("productId") REFERENCES "ApiProduct" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Subscription_requestedPlanId_fkey" FOREIGN KEY ("requestedPlanId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Subscription" ("applicationId", "createdAt", "decidedAt", "decidedById", "id", "productId", "reason", "requestedById", "status", "updatedAt") SELECT "applicationId", "createdAt", "decidedAt", "decidedById", "id", "productId", "reason", "requestedById", "status", "updatedAt" FROM "Subscription";
DROP TABLE "Subscription";
ALTER TABLE "new_Subscription" RENAME TO "Subscription";
CREATE INDEX "Subscription_productId_status_idx" ON "Subscription"("productId", "status");
CREATE INDEX "Subscription_status_createdAt_idx" ON "Subscription"("status", "createdAt");
CREATE INDEX "Subscription_createdAt_idx" ON "Subscription"("createdAt");
CREATE INDEX "Subscription_planId_idx" ON "Subscription"("planId");
CREATE INDEX "Subscription_requestedPlanId_idx" ON "Subscription"("requestedPlanId");
CREATE UNIQUE INDEX "Subscription_applicationId_productId_key" ON "Subscription"("applicationId", "productId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Plan_productId_key_key" ON "Plan"("productId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_productId_name_key" ON "Plan"("productId", "name");

-- CreateIndex
CREATE INDEX "UsageBucket_granularity_clientId_start_idx" ON "UsageBucket"("granularity", "clientId", "start");

-- CreateIndex
CREATE INDEX "UsageBucket_granularity_productId_start_idx" ON "UsageBucket"("granularity", "productId", "start");
