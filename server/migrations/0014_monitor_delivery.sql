ALTER TABLE "insights_alert_rules" ALTER COLUMN "time_zone" SET DEFAULT 'UTC';--> statement-breakpoint
ALTER TABLE "insights_monitors" ADD COLUMN "quiet_from" text;--> statement-breakpoint
ALTER TABLE "insights_monitors" ADD COLUMN "quiet_to" text;--> statement-breakpoint
ALTER TABLE "insights_monitors" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "insights_monitors" ADD COLUMN "email_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "insights_monitors" ADD COLUMN "email_addresses" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "insights_monitors" ADD COLUMN "notify_webhooks" boolean DEFAULT false NOT NULL;