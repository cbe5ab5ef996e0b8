CREATE TABLE "context_packages" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"seq" integer NOT NULL,
	"version" text NOT NULL,
	"package" jsonb NOT NULL,
	"secrets" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pii_reveals" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"package_id" text,
	"actor_id" text NOT NULL,
	"role" text NOT NULL,
	"token" text NOT NULL,
	"pii_type" text,
	"field" text,
	"reason" text NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "context_packages" ADD CONSTRAINT "context_packages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pii_reveals" ADD CONSTRAINT "pii_reveals_package_id_context_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."context_packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "context_packages_conversation_seq_key" ON "context_packages" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE INDEX "pii_reveals_conversation_idx" ON "pii_reveals" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "pii_reveals_actor_idx" ON "pii_reveals" USING btree ("actor_id","created_at");