CREATE TABLE "integrity_official_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"handle" text NOT NULL,
	"display_name" text,
	"remote_account_id" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "integrity_official_accounts_platform_handle_key" ON "integrity_official_accounts" USING btree ("platform","handle");--> statement-breakpoint
CREATE INDEX "integrity_official_accounts_unit_idx" ON "integrity_official_accounts" USING btree ("unit_id");