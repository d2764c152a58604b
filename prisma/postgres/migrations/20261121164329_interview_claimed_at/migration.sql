-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "claimedAt" TIMESTAMP(3);

