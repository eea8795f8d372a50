CREATE TABLE "insights_un_votes_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"part" text NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"bytes_checked" bigint DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_to_store" integer,
	"rows_stored" integer DEFAULT 0 NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"ideal_points" boolean DEFAULT false NOT NULL,
	"error" jsonb,
	"actor" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "insights_un_votes_imports_created_idx" ON "insights_un_votes_imports" USING btree ("created_at");