CREATE TABLE "actor_identities" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"actor_key" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"status" text DEFAULT 'unresolved' NOT NULL,
	"person_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"event_count" bigint DEFAULT 0 NOT NULL,
	"sources" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "actor_identities_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "ingest_batches" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"format" text NOT NULL,
	"channel" text NOT NULL,
	"file_name" text,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"received" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"unresolved" integer DEFAULT 0 NOT NULL,
	"rejections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	CONSTRAINT "ingest_batches_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid NOT NULL,
	"vendor_id" uuid,
	"severity" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"dedupe_key" text NOT NULL,
	"explanation" text NOT NULL,
	"evidence_event_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"detector_version" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"status_reason" text,
	"status_by" uuid,
	"status_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "actor_identities" ADD CONSTRAINT "actor_identities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_identities" ADD CONSTRAINT "actor_identities_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_identities" ADD CONSTRAINT "actor_identities_org_id_person_id_people_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_batches" ADD CONSTRAINT "ingest_batches_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_status_by_users_id_fk" FOREIGN KEY ("status_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_org_id_person_id_people_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "actor_identities_key" ON "actor_identities" USING btree ("org_id","actor_key");--> statement-breakpoint
CREATE INDEX "actor_identities_status_idx" ON "actor_identities" USING btree ("org_id","status","last_seen_at");--> statement-breakpoint
CREATE INDEX "ingest_batches_recent_idx" ON "ingest_batches" USING btree ("org_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signals_dedupe_key" ON "signals" USING btree ("org_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "signals_queue_idx" ON "signals" USING btree ("org_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "signals_person_idx" ON "signals" USING btree ("org_id","person_id","window_end");--> statement-breakpoint
CREATE INDEX "signals_kind_idx" ON "signals" USING btree ("org_id","kind","status");