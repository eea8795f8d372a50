CREATE TABLE "signing_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_sealed" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "newsroom_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"statement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"language" text NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"kind" text NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"attachments" jsonb NOT NULL,
	"canonical" text NOT NULL,
	"jws" text NOT NULL,
	"kid" text NOT NULL,
	"content_sha256" text NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_kid_key" ON "signing_keys" USING btree ("kid");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_active_org_key" ON "signing_keys" USING btree ("organisation_id") WHERE "signing_keys"."status" = 'active';--> statement-breakpoint
CREATE INDEX "signing_keys_org_idx" ON "signing_keys" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "newsroom_entries_statement_language_key" ON "newsroom_entries" USING btree ("statement_id","language");--> statement-breakpoint
CREATE UNIQUE INDEX "newsroom_entries_language_slug_key" ON "newsroom_entries" USING btree ("language","slug");--> statement-breakpoint
CREATE INDEX "newsroom_entries_published_idx" ON "newsroom_entries" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "newsroom_entries_language_published_idx" ON "newsroom_entries" USING btree ("language","published_at");--> statement-breakpoint
CREATE INDEX "newsroom_entries_content_idx" ON "newsroom_entries" USING btree ("content_sha256");--> statement-breakpoint
CREATE INDEX "newsroom_entries_body_fts_idx" ON "newsroom_entries" USING gin (to_tsvector('simple', "body"));