CREATE TABLE "agent_presence" (
	"agent_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'offline' NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_assigned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"business_hours" jsonb,
	"auto_accept" boolean DEFAULT false NOT NULL,
	"offer_timeout_seconds" integer DEFAULT 30 NOT NULL,
	"overflow_team" text,
	"overflow_after_seconds" integer,
	"relax_skills_after_seconds" integer,
	"sla_seconds" jsonb DEFAULT '{"urgent":60,"high":180,"normal":600}'::jsonb NOT NULL,
	"strategy" text DEFAULT 'least_busy' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"team" text,
	"kind" text NOT NULL,
	"contact" text,
	"callback_at" timestamp with time zone,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "handoff_mode" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "required_skills" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_agent_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_breached_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_pending_per_conversation" ON "offers" USING btree ("conversation_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "offers_agent_status_idx" ON "offers" USING btree ("agent_id","status");--> statement-breakpoint
CREATE INDEX "offers_pending_expiry_idx" ON "offers" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status","team");