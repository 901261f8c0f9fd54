-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "openSteps" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "urgentAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Incident_status_urgentAt_id_idx" ON "Incident"("status", "urgentAt", "id");

