CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"area" text NOT NULL,
	"subject" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- The learning loop's audit trail moves into the shared log, as area `packs`.
INSERT INTO "audit_log" ("id", "area", "subject", "action", "actor", "reason", "details", "created_at")
	SELECT "id", 'packs', "pack_id", "action", "actor", "reason", "details", "created_at" FROM "improve_audit";--> statement-breakpoint
DROP TABLE "improve_audit" CASCADE;--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("area","subject","created_at");