ALTER TABLE "bot_turns" ADD COLUMN "outcome" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_due_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_done_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_lease_owner" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A message answered twice before this constraint existed keeps its first turn.
DELETE FROM "bot_turns" AS "later" USING "bot_turns" AS "first" WHERE "later"."conversation_id" = "first"."conversation_id" AND "later"."message_seq" = "first"."message_seq" AND "later"."turn" > "first"."turn";--> statement-breakpoint
CREATE UNIQUE INDEX "bot_turns_conversation_message_key" ON "bot_turns" USING btree ("conversation_id","message_seq");--> statement-breakpoint
CREATE INDEX "conversations_bot_pending_idx" ON "conversations" USING btree ("bot_lease_until") WHERE "conversations"."bot_due_seq" > "conversations"."bot_done_seq";