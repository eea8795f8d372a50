CREATE TABLE "insights_alert_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"dimension" text NOT NULL,
	"key" text,
	"threshold" integer,
	"bucket" text NOT NULL,
	"cool_down_minutes" integer NOT NULL,
	"quiet_from" text,
	"quiet_to" text,
	"time_zone" text NOT NULL,
	"notify_in_app" boolean NOT NULL,
	"enabled" boolean NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_evaluated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "insights_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"first_fired_at" timestamp with time zone NOT NULL,
	"last_fired_at" timestamp with time zone NOT NULL,
	"last_bucket_at" timestamp with time zone NOT NULL,
	"repeats" integer DEFAULT 1 NOT NULL,
	"notified" boolean NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"why" jsonb NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "insights_alert_rules_unit_idx" ON "insights_alert_rules" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "insights_alerts_rule_idx" ON "insights_alerts" USING btree ("rule_id","last_fired_at");--> statement-breakpoint
CREATE INDEX "insights_alerts_unit_idx" ON "insights_alerts" USING btree ("unit_id","last_fired_at");