CREATE TABLE "appointments" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"team" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"booked_by" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"id" text PRIMARY KEY NOT NULL,
	"target_id" text NOT NULL,
	"source_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"reason" text NOT NULL,
	"source_profile" jsonb NOT NULL,
	"moved_conversations" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "case_id" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "merged_into_id" text;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_team_start_idx" ON "appointments" USING btree ("team","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_conversation_idx" ON "appointments" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "customer_merges_target_idx" ON "customer_merges" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "customer_merges_source_idx" ON "customer_merges" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "conversations_customer_idx" ON "conversations" USING btree ("customer_id","created_at");