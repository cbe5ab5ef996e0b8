CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"text" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "analytics_events" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"pack" text NOT NULL,
	"team" text,
	"priority" text,
	"agent_id" text,
	"from_state" text,
	"seq" integer DEFAULT 0 NOT NULL,
	"rule" text,
	"detectors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"intent" text
);
--> statement-breakpoint
CREATE TABLE "csat_ratings" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"path" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handoff_labels" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"agent_id" text NOT NULL,
	"needed" boolean NOT NULL,
	"reason_correct" boolean NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_per_kind" ON "alerts" USING btree ("kind") WHERE cleared_at is null;--> statement-breakpoint
CREATE INDEX "alerts_raised_idx" ON "alerts" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "analytics_events_at_idx" ON "analytics_events" USING btree ("at","type");--> statement-breakpoint
CREATE INDEX "analytics_events_conversation_idx" ON "analytics_events" USING btree ("conversation_id","at");--> statement-breakpoint
CREATE INDEX "csat_ratings_created_idx" ON "csat_ratings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "handoff_labels_created_idx" ON "handoff_labels" USING btree ("created_at");