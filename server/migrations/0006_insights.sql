CREATE TABLE "insights_item_facts" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"keys" jsonb NOT NULL,
	"tone" real,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insights_rollups" (
	"unit_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"items" integer NOT NULL,
	"tone_sum" double precision NOT NULL,
	"tone_items" integer NOT NULL,
	CONSTRAINT "insights_rollups_unit_id_dimension_key_bucket_pk" PRIMARY KEY("unit_id","dimension","key","bucket")
);
--> statement-breakpoint
CREATE INDEX "insights_item_facts_unit_bucket_idx" ON "insights_item_facts" USING btree ("unit_id","bucket");--> statement-breakpoint
CREATE INDEX "insights_rollups_dimension_bucket_idx" ON "insights_rollups" USING btree ("dimension","bucket");