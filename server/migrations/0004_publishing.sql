CREATE TABLE "channel_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"handle" text NOT NULL,
	"display_name" text,
	"remote_account_id" text NOT NULL,
	"url" text,
	"credentials_sealed" text,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"limits" jsonb,
	"rate_limit" jsonb,
	"connected_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_connect_states" (
	"state" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"code_verifier_sealed" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"statement_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"channel_account_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	"title" text,
	"language" text NOT NULL,
	"media" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"link_url" text NOT NULL,
	"remote_id" text,
	"remote_url" text,
	"reply_state" text,
	"reply_remote_id" text,
	"checkpoint" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"job_id" uuid,
	"attempt_started_at" timestamp with time zone,
	"reconcile_checks" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_channel_account_id_channel_accounts_id_fk" FOREIGN KEY ("channel_account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_accounts_unit_idx" ON "channel_accounts" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_accounts_remote_key" ON "channel_accounts" USING btree ("unit_id","platform","remote_account_id") WHERE "channel_accounts"."status" <> 'disconnected';--> statement-breakpoint
CREATE UNIQUE INDEX "publications_idempotency_key" ON "publications" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "publications_statement_idx" ON "publications" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "publications_unit_scheduled_idx" ON "publications" USING btree ("unit_id","scheduled_at");