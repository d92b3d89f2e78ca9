CREATE TABLE "tickets" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" text NOT NULL,
	"system" text,
	"system_id" uuid,
	"assignee_email" text,
	"assignee_person_id" uuid,
	"earlier_assignee_emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"resource_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_org_ticket_key" ON "tickets" USING btree ("org_id",lower("ticket_id"));--> statement-breakpoint
CREATE INDEX "tickets_org_opened_idx" ON "tickets" USING btree ("org_id","opened_at");