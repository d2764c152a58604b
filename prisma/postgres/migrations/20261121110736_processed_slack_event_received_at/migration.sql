-- CreateIndex
CREATE INDEX "ProcessedSlackEvent_receivedAt_idx" ON "ProcessedSlackEvent"("receivedAt");

