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
CREATE TABLE "clearance_chains" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text,
	"name" text NOT NULL,
	"fast_track" boolean DEFAULT false NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clearance_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"statement_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"step_index" integer NOT NULL,
	"approver_id" uuid NOT NULL,
	"approver_name" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"version" integer NOT NULL,
	"slot" integer,
	"invalidated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"statement_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"alt_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"statement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid,
	"purpose" text NOT NULL,
	"statement_kind" text NOT NULL,
	"name" text NOT NULL,
	"texts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"statement_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"primary_language" text NOT NULL,
	"audience_time_zone" text NOT NULL,
	"scheduled_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"clearance" jsonb,
	"clearance_round" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"changes_requested" jsonb,
	"responds_to" jsonb,
	"template_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_actor_keys" (
	"unit_id" uuid NOT NULL,
	"algorithm" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_actor_keys_unit_id_algorithm_pk" PRIMARY KEY("unit_id","algorithm")
);
--> statement-breakpoint
CREATE TABLE "federation_followers" (
	"unit_id" uuid NOT NULL,
	"actor_id" text NOT NULL,
	"handle" text,
	"inbox" text NOT NULL,
	"shared_inbox" text,
	"follow_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_followers_unit_id_actor_id_pk" PRIMARY KEY("unit_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "federation_following" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"actor_id" text NOT NULL,
	"handle" text,
	"follow_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "federation_following_follow_id_unique" UNIQUE("follow_id")
);
--> statement-breakpoint
CREATE TABLE "federation_kv" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_posts" (
	"statement_id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"versions" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_queue" (
	"id" uuid PRIMARY KEY NOT NULL,
	"message" jsonb NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_received" (
	"id" text PRIMARY KEY NOT NULL,
	"activity_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"object_id" text,
	"object" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
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
ALTER TABLE "clearance_decisions" ADD CONSTRAINT "clearance_decisions_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_attachments" ADD CONSTRAINT "statement_attachments_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_comments" ADD CONSTRAINT "statement_comments_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_versions" ADD CONSTRAINT "statement_versions_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_channel_account_id_channel_accounts_id_fk" FOREIGN KEY ("channel_account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_kid_key" ON "signing_keys" USING btree ("kid");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_active_org_key" ON "signing_keys" USING btree ("organisation_id") WHERE "signing_keys"."status" = 'active';--> statement-breakpoint
CREATE INDEX "signing_keys_org_idx" ON "signing_keys" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "newsroom_entries_statement_language_key" ON "newsroom_entries" USING btree ("statement_id","language");--> statement-breakpoint
CREATE UNIQUE INDEX "newsroom_entries_language_slug_key" ON "newsroom_entries" USING btree ("language","slug");--> statement-breakpoint
CREATE INDEX "newsroom_entries_published_idx" ON "newsroom_entries" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "newsroom_entries_language_published_idx" ON "newsroom_entries" USING btree ("language","published_at");--> statement-breakpoint
CREATE INDEX "newsroom_entries_content_idx" ON "newsroom_entries" USING btree ("content_sha256");--> statement-breakpoint
CREATE INDEX "newsroom_entries_body_fts_idx" ON "newsroom_entries" USING gin (to_tsvector('simple', "body"));--> statement-breakpoint
CREATE UNIQUE INDEX "clearance_chains_unit_kind_key" ON "clearance_chains" USING btree ("unit_id",coalesce("kind", '*'),"fast_track");--> statement-breakpoint
CREATE INDEX "clearance_decisions_statement_idx" ON "clearance_decisions" USING btree ("statement_id","round");--> statement-breakpoint
CREATE INDEX "statement_attachments_statement_idx" ON "statement_attachments" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "statement_comments_statement_idx" ON "statement_comments" USING btree ("statement_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "statement_versions_number_key" ON "statement_versions" USING btree ("statement_id","number");--> statement-breakpoint
CREATE INDEX "statements_unit_updated_idx" ON "statements" USING btree ("unit_id","updated_at");--> statement-breakpoint
CREATE INDEX "statements_status_idx" ON "statements" USING btree ("status");--> statement-breakpoint
CREATE INDEX "statements_scheduled_idx" ON "statements" USING btree ("scheduled_at");--> statement-breakpoint
CREATE INDEX "federation_following_actor_idx" ON "federation_following" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "federation_kv_expires_idx" ON "federation_kv" USING btree ("expires_at") WHERE "federation_kv"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "federation_posts_unit_idx" ON "federation_posts" USING btree ("unit_id","published_at");--> statement-breakpoint
CREATE INDEX "federation_posts_org_idx" ON "federation_posts" USING btree ("organisation_id","published_at");--> statement-breakpoint
CREATE INDEX "federation_queue_due_idx" ON "federation_queue" USING btree ("run_at");--> statement-breakpoint
CREATE INDEX "federation_received_object_idx" ON "federation_received" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "federation_received_at_idx" ON "federation_received" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "channel_accounts_unit_idx" ON "channel_accounts" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_accounts_remote_key" ON "channel_accounts" USING btree ("unit_id","platform","remote_account_id") WHERE "channel_accounts"."status" <> 'disconnected';--> statement-breakpoint
CREATE UNIQUE INDEX "publications_idempotency_key" ON "publications" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "publications_statement_idx" ON "publications" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "publications_unit_scheduled_idx" ON "publications" USING btree ("unit_id","scheduled_at");