CREATE TABLE "insights_monitors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"labels" jsonb,
	"topic_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"countries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warn_level" integer,
	"watch_events" boolean DEFAULT true NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"warning" jsonb,
	"warning_since" timestamp with time zone,
	"last_band_exit_at" timestamp with time zone,
	"last_evaluated_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insights_alerts" ADD COLUMN "monitor_id" uuid;--> statement-breakpoint
ALTER TABLE "insights_item_facts" ADD COLUMN "intensity" real;--> statement-breakpoint
ALTER TABLE "insights_rollups" ADD COLUMN "intensity_sum" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "insights_monitors_unit_idx" ON "insights_monitors" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "insights_monitors_unit_key" ON "insights_monitors" USING btree ("unit_id","key");--> statement-breakpoint
CREATE INDEX "insights_alerts_monitor_idx" ON "insights_alerts" USING btree ("monitor_id","last_fired_at");