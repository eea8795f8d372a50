CREATE TABLE "sharing_access" (
	"collection_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"can_read" boolean DEFAULT false NOT NULL,
	"can_write" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sharing_access_collection_id_partner_id_pk" PRIMARY KEY("collection_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "sharing_collections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"alias" text,
	"last_added_us" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing_objects" (
	"collection_id" uuid NOT NULL,
	"date_added_us" bigint NOT NULL,
	"object_id" text NOT NULL,
	"type" text NOT NULL,
	"version" text NOT NULL,
	"version_us" bigint NOT NULL,
	"spec_version" text NOT NULL,
	"object" jsonb NOT NULL,
	"origin" text NOT NULL,
	"partner_id" uuid,
	"added_by" uuid,
	CONSTRAINT "sharing_objects_collection_id_date_added_us_pk" PRIMARY KEY("collection_id","date_added_us")
);
--> statement-breakpoint
CREATE TABLE "sharing_partners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"contact" text,
	"user_id" uuid NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing_status" (
	"id" uuid PRIMARY KEY NOT NULL,
	"collection_id" uuid NOT NULL,
	"partner_id" uuid,
	"requested_by" uuid,
	"request_timestamp" timestamp with time zone NOT NULL,
	"total_count" integer NOT NULL,
	"success_count" integer NOT NULL,
	"failure_count" integer NOT NULL,
	"successes" jsonb NOT NULL,
	"failures" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sharing_access" ADD CONSTRAINT "sharing_access_collection_id_sharing_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."sharing_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_access" ADD CONSTRAINT "sharing_access_partner_id_sharing_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."sharing_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_objects" ADD CONSTRAINT "sharing_objects_collection_id_sharing_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."sharing_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_status" ADD CONSTRAINT "sharing_status_collection_id_sharing_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."sharing_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sharing_access_partner_idx" ON "sharing_access" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sharing_collections_alias_key" ON "sharing_collections" USING btree ("alias");--> statement-breakpoint
CREATE UNIQUE INDEX "sharing_objects_version_key" ON "sharing_objects" USING btree ("collection_id","object_id","version_us");--> statement-breakpoint
CREATE INDEX "sharing_objects_object_idx" ON "sharing_objects" USING btree ("collection_id","object_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sharing_partners_user_key" ON "sharing_partners" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sharing_status_collection_idx" ON "sharing_status" USING btree ("collection_id");