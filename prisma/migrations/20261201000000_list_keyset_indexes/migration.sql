-- DropIndex
DROP INDEX "Incident_status_level_idx";

-- DropIndex
DROP INDEX "Incident_planId_idx";

-- CreateIndex
CREATE INDEX "Incident_status_level_createdAt_id_idx" ON "Incident"("status", "level", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Incident_status_createdAt_id_idx" ON "Incident"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Incident_planId_createdAt_id_idx" ON "Incident"("planId", "createdAt", "id");

