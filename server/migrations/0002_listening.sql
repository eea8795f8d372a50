CREATE TABLE "listening_item_bands" (
	"band_key" text NOT NULL,
	"item_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	CONSTRAINT "listening_item_bands_band_key_item_id_pk" PRIMARY KEY("band_key","item_id")
);
--> statement-breakpoint
CREATE TABLE "listening_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"url" text,
	"author" jsonb,
	"title" text,
	"text" text NOT NULL,
	"language" text DEFAULT 'und' NOT NULL,
	"language_confidence" real DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"collected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"countries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topic_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sentiment" real,
	"sentiment_method" text,
	"hashtags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mentions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cluster_id" uuid,
	"raw" jsonb,
	"search" "tsvector"
);
--> statement-breakpoint
CREATE TABLE "listening_sources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"connector" text NOT NULL,
	"name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials_sealed" text,
	"status" text DEFAULT 'active' NOT NULL,
	"interval_seconds" integer DEFAULT 900 NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cursor" text,
	"next_poll_at" timestamp with time zone,
	"health" jsonb DEFAULT '{"lastSuccessAt":null,"lastErrorAt":null,"lastError":null,"consecutiveFailures":0,"detail":null}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_saved_searches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "listening_item_bands_item_idx" ON "listening_item_bands" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "listening_items_source_external_key" ON "listening_items" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "listening_items_source_content_key" ON "listening_items" USING btree ("source_id","content_hash");--> statement-breakpoint
CREATE INDEX "listening_items_published_idx" ON "listening_items" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "listening_items_unit_published_idx" ON "listening_items" USING btree ("unit_id","published_at");--> statement-breakpoint
CREATE INDEX "listening_items_cluster_idx" ON "listening_items" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "listening_items_language_idx" ON "listening_items" USING btree ("language");--> statement-breakpoint
CREATE INDEX "listening_items_search_idx" ON "listening_items" USING gin ("search");--> statement-breakpoint
CREATE INDEX "listening_items_countries_idx" ON "listening_items" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "listening_items_topics_idx" ON "listening_items" USING gin ("topic_ids");--> statement-breakpoint
CREATE INDEX "listening_sources_unit_idx" ON "listening_sources" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "listening_sources_due_idx" ON "listening_sources" USING btree ("status","next_poll_at");