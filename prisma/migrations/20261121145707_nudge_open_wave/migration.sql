-- CreateIndex
CREATE INDEX "Nudge_campaignId_sequence_status_idx" ON "Nudge"("campaignId", "sequence", "status");

