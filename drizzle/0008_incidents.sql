CREATE TABLE "incident_pages" (
	"incident_id" text NOT NULL,
	"team" text NOT NULL,
	"level" integer NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"last_paged_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"acked_at" timestamp with time zone,
	"acked_by" text,
	"acked_by_name" text
);
--> statement-breakpoint
CREATE TABLE "incident_timeline" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"incident_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"team" text,
	"actor_id" text,
	"actor_name" text,
	"text" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"pack" text NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"fingerprint" text NOT NULL,
	"title" text NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text,
	"status" text DEFAULT 'open' NOT NULL,
	"policy" text,
	"count" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ladder_level" integer DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"summary" text
);
--> statement-breakpoint
ALTER TABLE "incident_pages" ADD CONSTRAINT "incident_pages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_timeline" ADD CONSTRAINT "incident_timeline_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_pages_key" ON "incident_pages" USING btree ("incident_id","team");--> statement-breakpoint
CREATE INDEX "incident_pages_due_idx" ON "incident_pages" USING btree ("due_at") WHERE due_at is not null;--> statement-breakpoint
CREATE INDEX "incident_timeline_incident_idx" ON "incident_timeline" USING btree ("incident_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_open_fingerprint_key" ON "incidents" USING btree ("pack","fingerprint") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "incidents_status_idx" ON "incidents" USING btree ("status","last_seen_at");