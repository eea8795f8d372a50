CREATE TABLE "integrity_claim_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"score" real NOT NULL,
	"state" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrity_claim_translations" (
	"claim_id" uuid NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "integrity_claim_translations_claim_id_language_pk" PRIMARY KEY("claim_id","language")
);
--> statement-breakpoint
CREATE TABLE "integrity_claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"claim_reviewed" text NOT NULL,
	"headline" text,
	"language" text DEFAULT 'und' NOT NULL,
	"item_author_name" text,
	"item_date_published" text,
	"appearance_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rating" jsonb NOT NULL,
	"review_author" text,
	"url" text,
	"date_published" text,
	"outlets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_countries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text,
	"disproof" text,
	"narrative_id" uuid,
	"origin" text DEFAULT 'manual' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrity_finding_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"finding_id" uuid NOT NULL,
	"author_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrity_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"detector" text NOT NULL,
	"subject_key" text NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"outcome" text,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"assignee_id" uuid,
	"claim_id" uuid,
	"item_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"account_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"triaged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrity_narratives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrity_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"auto_link" real,
	"suggest" real,
	"registry_version" bigint DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "integrity_claim_links_item_claim_key" ON "integrity_claim_links" USING btree ("item_id","claim_id");--> statement-breakpoint
CREATE INDEX "integrity_claim_links_claim_idx" ON "integrity_claim_links" USING btree ("claim_id","state");--> statement-breakpoint
CREATE INDEX "integrity_claim_links_unit_state_idx" ON "integrity_claim_links" USING btree ("unit_id","state");--> statement-breakpoint
CREATE INDEX "integrity_claims_unit_idx" ON "integrity_claims" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "integrity_claims_narrative_idx" ON "integrity_claims" USING btree ("narrative_id");--> statement-breakpoint
CREATE INDEX "integrity_claims_url_idx" ON "integrity_claims" USING btree ("url");--> statement-breakpoint
CREATE INDEX "integrity_finding_comments_finding_idx" ON "integrity_finding_comments" USING btree ("finding_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "integrity_findings_detector_subject_key" ON "integrity_findings" USING btree ("detector","subject_key");--> statement-breakpoint
CREATE INDEX "integrity_findings_unit_status_idx" ON "integrity_findings" USING btree ("unit_id","status","last_seen_at");--> statement-breakpoint
CREATE INDEX "integrity_findings_assignee_idx" ON "integrity_findings" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "integrity_findings_claim_idx" ON "integrity_findings" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "integrity_narratives_unit_idx" ON "integrity_narratives" USING btree ("unit_id");