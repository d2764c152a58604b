-- CreateIndex
CREATE INDEX "Employee_workspaceId_id_idx" ON "Employee"("workspaceId", "id");

