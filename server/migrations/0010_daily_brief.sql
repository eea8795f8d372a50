CREATE TABLE "insights_brief_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"brief_date" text NOT NULL,
	"target" text NOT NULL,
	"target_label" text NOT NULL,
	"locale" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"job_id" uuid,
	"last_error" text,
	"last_unknown" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "insights_brief_schedules" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"time_of_day" text NOT NULL,
	"time_zone" text NOT NULL,
	"language" text NOT NULL,
	"user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_planned_day" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "insights_brief_deliveries_target_key" ON "insights_brief_deliveries" USING btree ("unit_id","brief_date","target");--> statement-breakpoint
CREATE INDEX "insights_brief_deliveries_unit_idx" ON "insights_brief_deliveries" USING btree ("unit_id","created_at");