ALTER TABLE "integrity_findings" ADD COLUMN "title_key" text;--> statement-breakpoint
ALTER TABLE "integrity_findings" ADD COLUMN "title_params" jsonb;--> statement-breakpoint
-- Findings raised before titles were keyed: their English titles were built from these templates, so the key and parameters are read back from the title.
UPDATE "integrity_findings" SET "title_key" = 'known-claim', "title_params" = jsonb_build_object('claim', "title") WHERE "title_key" IS NULL AND "detector" = 'claim-match';--> statement-breakpoint
UPDATE "integrity_findings" AS f SET "title_key" = 'look-alike-account', "title_params" = jsonb_build_object('handle', m[1], 'platform', m[2], 'official', m[3])
  FROM (SELECT "id", regexp_match("title", '^@(.+) \((.+)\) looks like the official @(.+)$') AS m FROM "integrity_findings" WHERE "title_key" IS NULL AND "detector" = 'impersonation') AS p
  WHERE f."id" = p."id" AND p.m IS NOT NULL;--> statement-breakpoint
UPDATE "integrity_findings" AS f SET "title_key" = 'coordinated-sharing', "title_params" = jsonb_build_object('accounts', m[1]::int, 'items', m[2]::int, 'seconds', m[3]::numeric)
  FROM (SELECT "id", regexp_match("title", '^([0-9]+) accounts shared ([0-9]+) items within ([0-9.]+) s of each other$') AS m FROM "integrity_findings" WHERE "title_key" IS NULL AND "detector" = 'coordination') AS p
  WHERE f."id" = p."id" AND p.m IS NOT NULL;
