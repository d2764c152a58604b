-- AlterTable
ALTER TABLE "Nudge" ADD COLUMN "leaseUntil" DATETIME;

