CREATE TABLE "candidate_checks" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"check" text NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_checks_org_id_person_id_check_pk" PRIMARY KEY("org_id","person_id","check")
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"stage" text,
	"role" text,
	"recruiter" text,
	"source" text DEFAULT 'vigil' NOT NULL,
	"ats_id" text,
	"applied_on" date,
	"shipping_address" text,
	"shipping_country" text,
	"hired_at" timestamp with time zone,
	"hired_by" uuid,
	"hired_as" text,
	"override_reason" text,
	"overridden_checks" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidates_org_id_person_id_pk" PRIMARY KEY("org_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "candidate_checks" ADD CONSTRAINT "candidate_checks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_checks" ADD CONSTRAINT "candidate_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_checks" ADD CONSTRAINT "candidate_checks_org_id_person_id_people_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_hired_by_users_id_fk" FOREIGN KEY ("hired_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_org_id_person_id_people_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidates_org_hired_idx" ON "candidates" USING btree ("org_id","hired_at");