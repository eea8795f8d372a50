CREATE TABLE "integrity_claim_feeds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"interval_seconds" integer DEFAULT 3600 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_polled_at" timestamp with time zone,
	"last_ok_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text,
	"last_error_detail" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_poll_at" timestamp with time zone,
	"claims_created" integer DEFAULT 0 NOT NULL,
	"claims_updated" integer DEFAULT 0 NOT NULL,
	"last_result" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "integrity_claim_feeds_unit_url_key" ON "integrity_claim_feeds" USING btree ("unit_id","url");