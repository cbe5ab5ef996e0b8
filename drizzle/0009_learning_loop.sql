CREATE TABLE "inferred_labels" (
	"conversation_id" text NOT NULL,
	"source" text NOT NULL,
	"pack" text NOT NULL,
	"needed" boolean,
	"team_correct" boolean,
	"right_team" text,
	"earlier" boolean,
	"strength" real NOT NULL,
	"evidence" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inferred_labels_conversation_id_source_pk" PRIMARY KEY("conversation_id","source")
);
--> statement-breakpoint
CREATE TABLE "improve_audit" (
	"id" text PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pack_heads" (
	"pack_id" text PRIMARY KEY NOT NULL,
	"live_version" integer NOT NULL,
	"shadow_version" integer,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pack_versions" (
	"pack_id" text NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"hash" text NOT NULL,
	"source" text NOT NULL,
	"author" text NOT NULL,
	"reason" text NOT NULL,
	"diff" jsonb NOT NULL,
	"based_on" integer,
	"suggestion_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pack_versions_pack_id_version_pk" PRIMARY KEY("pack_id","version")
);
--> statement-breakpoint
CREATE TABLE "shadow_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"turn" integer NOT NULL,
	"text" text NOT NULL,
	"live_version" integer NOT NULL,
	"shadow_version" integer NOT NULL,
	"live" jsonb NOT NULL,
	"shadow" jsonb NOT NULL,
	"differs" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"pack_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"version" integer,
	"edited" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestions_pack_id_id_pk" PRIMARY KEY("pack_id","id")
);
--> statement-breakpoint
ALTER TABLE "handoff_labels" ADD COLUMN "team_correct" boolean;--> statement-breakpoint
ALTER TABLE "handoff_labels" ADD COLUMN "right_team" text;--> statement-breakpoint
ALTER TABLE "handoff_labels" ADD COLUMN "earlier" boolean;--> statement-breakpoint
CREATE INDEX "inferred_labels_pack_idx" ON "inferred_labels" USING btree ("pack","created_at");--> statement-breakpoint
CREATE INDEX "improve_audit_pack_idx" ON "improve_audit" USING btree ("pack_id","created_at");--> statement-breakpoint
CREATE INDEX "shadow_decisions_pack_idx" ON "shadow_decisions" USING btree ("pack_id","shadow_version","created_at");--> statement-breakpoint
CREATE INDEX "suggestions_status_idx" ON "suggestions" USING btree ("pack_id","status","created_at");