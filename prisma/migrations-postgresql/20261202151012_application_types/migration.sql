-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "clientAuth" TEXT NOT NULL DEFAULT 'client_secret',
ADD COLUMN     "jwks" TEXT,
ADD COLUMN     "jwksUri" TEXT,
ADD COLUMN     "postLogoutRedirectUris" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "redirectUris" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "type" TEXT NOT NULL DEFAULT 'service';

-- CreateTable
CREATE TABLE "ProductCall" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "calleeId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProductCall_applicationId_idx" ON "ProductCall"("applicationId");

-- CreateIndex
CREATE INDEX "ProductCall_calleeId_idx" ON "ProductCall"("calleeId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductCall_productId_calleeId_applicationId_key" ON "ProductCall"("productId", "calleeId", "applicationId");

-- AddForeignKey
ALTER TABLE "ProductCall" ADD CONSTRAINT "ProductCall_productId_fkey" FOREIGN KEY ("productId") REFERENCES "ApiProduct"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductCall" ADD CONSTRAINT "ProductCall_calleeId_fkey" FOREIGN KEY ("calleeId") REFERENCES "ApiProduct"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductCall" ADD CONSTRAINT "ProductCall_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
