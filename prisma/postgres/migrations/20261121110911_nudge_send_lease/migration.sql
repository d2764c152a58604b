-- AlterTable
ALTER TABLE "Nudge" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

