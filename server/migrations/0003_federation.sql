CREATE TABLE "federation_actor_keys" (
	"unit_id" uuid NOT NULL,
	"algorithm" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_actor_keys_unit_id_algorithm_pk" PRIMARY KEY("unit_id","algorithm")
);
--> statement-breakpoint
CREATE TABLE "federation_followers" (
	"unit_id" uuid NOT NULL,
	"actor_id" text NOT NULL,
	"handle" text,
	"inbox" text NOT NULL,
	"shared_inbox" text,
	"follow_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_followers_unit_id_actor_id_pk" PRIMARY KEY("unit_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "federation_following" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"actor_id" text NOT NULL,
	"handle" text,
	"follow_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "federation_following_follow_id_unique" UNIQUE("follow_id")
);
--> statement-breakpoint
CREATE TABLE "federation_kv" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_posts" (
	"statement_id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"versions" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_queue" (
	"id" uuid PRIMARY KEY NOT NULL,
	"message" jsonb NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_received" (
	"id" text PRIMARY KEY NOT NULL,
	"activity_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"object_id" text,
	"object" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "federation_following_actor_idx" ON "federation_following" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "federation_kv_expires_idx" ON "federation_kv" USING btree ("expires_at") WHERE "federation_kv"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "federation_posts_unit_idx" ON "federation_posts" USING btree ("unit_id","published_at");--> statement-breakpoint
CREATE INDEX "federation_posts_org_idx" ON "federation_posts" USING btree ("organisation_id","published_at");--> statement-breakpoint
CREATE INDEX "federation_queue_due_idx" ON "federation_queue" USING btree ("run_at");--> statement-breakpoint
CREATE INDEX "federation_received_object_idx" ON "federation_received" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "federation_received_at_idx" ON "federation_received" USING btree ("received_at");