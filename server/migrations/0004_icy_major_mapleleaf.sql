ALTER TABLE "newsroom_entries" ADD COLUMN "withdrawal_canonical" text;--> statement-breakpoint
ALTER TABLE "newsroom_entries" ADD COLUMN "withdrawal_jws" text;