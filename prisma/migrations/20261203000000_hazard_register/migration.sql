-- CreateTable
CREATE TABLE "Hazard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "hazard" TEXT NOT NULL,
    "offlineMeasure" TEXT NOT NULL,
    "onlineMeasure" TEXT NOT NULL,
    "resolveBy" DATETIME NOT NULL,
    "remindAt" DATETIME NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "reportedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "remindedAt" DATETIME,
    "breachedAt" DATETIME,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "resolution" TEXT,
    "incidentId" TEXT,
    "version" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Hazard_workflowId_key" ON "Hazard"("workflowId");

-- CreateIndex
CREATE INDEX "Hazard_status_resolveBy_id_idx" ON "Hazard"("status", "resolveBy", "id");

-- CreateIndex
CREATE INDEX "Hazard_planId_resolveBy_id_idx" ON "Hazard"("planId", "resolveBy", "id");

