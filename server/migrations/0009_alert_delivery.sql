CREATE TABLE "smtp_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"security" text NOT NULL,
	"username" text,
	"password_sealed" text,
	"from_address" text NOT NULL,
	"from_name" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insights_alert_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"channel" text NOT NULL,
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
CREATE TABLE "insights_webhooks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"secret_created_at" timestamp with time zone NOT NULL,
	"enabled" boolean NOT NULL,
	"include_subunits" boolean NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insights_alert_rules" ADD COLUMN "email_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "insights_alert_rules" ADD COLUMN "email_addresses" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "insights_alert_rules" ADD COLUMN "notify_webhooks" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "insights_alert_deliveries_target_key" ON "insights_alert_deliveries" USING btree ("alert_id","channel","target");--> statement-breakpoint
CREATE INDEX "insights_alert_deliveries_unit_idx" ON "insights_alert_deliveries" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "insights_webhooks_unit_idx" ON "insights_webhooks" USING btree ("unit_id");