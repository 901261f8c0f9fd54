-- CreateTable
CREATE TABLE "Hazard" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "hazard" TEXT NOT NULL,
    "offlineMeasure" TEXT NOT NULL,
    "onlineMeasure" TEXT NOT NULL,
    "resolveBy" TIMESTAMP(3) NOT NULL,
    "remindAt" TIMESTAMP(3) NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "breachedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "resolution" TEXT,
    "incidentId" TEXT,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Hazard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Hazard_workflowId_key" ON "Hazard"("workflowId");

-- CreateIndex
CREATE INDEX "Hazard_status_resolveBy_id_idx" ON "Hazard"("status", "resolveBy", "id");

-- CreateIndex
CREATE INDEX "Hazard_planId_resolveBy_id_idx" ON "Hazard"("planId", "resolveBy", "id");

