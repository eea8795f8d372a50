CREATE TABLE "audit_checkpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"payload" text NOT NULL,
	"jws" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_checkpoints_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "audit_sink_cursor" (
	"sink" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_allowed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "token_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "newsroom_entries" ADD COLUMN "withdrawal_canonical" text;--> statement-breakpoint
ALTER TABLE "newsroom_entries" ADD COLUMN "withdrawal_jws" text;--> statement-breakpoint
CREATE INDEX "audit_checkpoints_org_idx" ON "audit_checkpoints" USING btree ("organisation_id","seq");