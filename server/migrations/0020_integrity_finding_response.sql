ALTER TABLE "integrity_findings" ADD COLUMN "response_statement_id" uuid;--> statement-breakpoint
ALTER TABLE "integrity_findings" ADD COLUMN "response_drafted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "integrity_findings" ADD COLUMN "response_published_at" timestamp with time zone;