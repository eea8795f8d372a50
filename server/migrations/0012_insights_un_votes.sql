CREATE TABLE "insights_un_countries" (
	"country" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insights_un_ideal_points" (
	"session" integer NOT NULL,
	"country" text NOT NULL,
	"ideal_point" double precision NOT NULL,
	"votes" integer NOT NULL,
	CONSTRAINT "insights_un_ideal_points_session_country_pk" PRIMARY KEY("session","country")
);
--> statement-breakpoint
CREATE TABLE "insights_un_roll_call_issues" (
	"rcid" integer NOT NULL,
	"issue" text NOT NULL,
	CONSTRAINT "insights_un_roll_call_issues_rcid_issue_pk" PRIMARY KEY("rcid","issue")
);
--> statement-breakpoint
CREATE TABLE "insights_un_roll_calls" (
	"rcid" integer PRIMARY KEY NOT NULL,
	"session" integer NOT NULL,
	"date" date,
	"important" boolean DEFAULT false NOT NULL,
	"amendment" boolean,
	"paragraph" boolean,
	"resolution" text,
	"short" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "insights_un_votes" (
	"rcid" integer NOT NULL,
	"country" text NOT NULL,
	"vote" smallint NOT NULL,
	CONSTRAINT "insights_un_votes_rcid_country_pk" PRIMARY KEY("rcid","country")
);
--> statement-breakpoint
CREATE INDEX "insights_un_ideal_points_country_idx" ON "insights_un_ideal_points" USING btree ("country");--> statement-breakpoint
CREATE INDEX "insights_un_roll_call_issues_issue_idx" ON "insights_un_roll_call_issues" USING btree ("issue");--> statement-breakpoint
CREATE INDEX "insights_un_roll_calls_session_idx" ON "insights_un_roll_calls" USING btree ("session");--> statement-breakpoint
CREATE INDEX "insights_un_votes_country_idx" ON "insights_un_votes" USING btree ("country","rcid");