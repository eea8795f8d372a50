ALTER TABLE "listening_sources" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "insights_rollups" ADD COLUMN "tone_sq_sum" double precision DEFAULT 0 NOT NULL;