-- AlterTable
ALTER TABLE "Interview" ADD COLUMN "claimedAt" DATETIME;

