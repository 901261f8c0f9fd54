-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "planVersion" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "leadRole" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "breached" BOOLEAN NOT NULL DEFAULT false,
    "reporter" TEXT NOT NULL,
    "discoveredAt" DATETIME NOT NULL,
    "sourcePlatform" TEXT,
    "sourceUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "urgentAt" DATETIME,
    "openSteps" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_Incident" ("breached", "createdAt", "discoveredAt", "id", "lastSeq", "leadRole", "level", "planId", "planVersion", "reporter", "sourcePlatform", "sourceUrl", "status", "summary", "title", "updatedAt", "workflowId") SELECT "breached", "createdAt", "discoveredAt", "id", "lastSeq", "leadRole", "level", "planId", "planVersion", "reporter", "sourcePlatform", "sourceUrl", "status", "summary", "title", "updatedAt", "workflowId" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE UNIQUE INDEX "Incident_workflowId_key" ON "Incident"("workflowId");
CREATE INDEX "Incident_status_level_createdAt_id_idx" ON "Incident"("status", "level", "createdAt", "id");
CREATE INDEX "Incident_status_createdAt_id_idx" ON "Incident"("status", "createdAt", "id");
CREATE INDEX "Incident_planId_createdAt_id_idx" ON "Incident"("planId", "createdAt", "id");
CREATE INDEX "Incident_createdAt_id_idx" ON "Incident"("createdAt", "id");
CREATE INDEX "Incident_status_urgentAt_id_idx" ON "Incident"("status", "urgentAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

