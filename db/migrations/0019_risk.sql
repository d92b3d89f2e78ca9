CREATE TABLE "person_risk_factors" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"score" text NOT NULL,
	"position" smallint NOT NULL,
	"factor" text NOT NULL,
	"label" text NOT NULL,
	"points" double precision NOT NULL,
	"evidence_kind" text NOT NULL,
	"evidence_id" text,
	"evidence_detail" text NOT NULL,
	"decays_at" timestamp with time zone,
	CONSTRAINT "person_risk_factors_org_id_person_id_score_position_pk" PRIMARY KEY("org_id","person_id","score","position")
);
--> statement-breakpoint
CREATE TABLE "person_risk_scores" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"bribery" double precision NOT NULL,
	"compromise" double precision NOT NULL,
	"risk" double precision NOT NULL,
	"band" text NOT NULL,
	"bribery_band" text NOT NULL,
	"compromise_band" text NOT NULL,
	"fingerprint" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "person_risk_scores_org_id_person_id_pk" PRIMARY KEY("org_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "risk_band_daily" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"subject_type" text NOT NULL,
	"band" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "risk_band_daily_org_id_day_subject_type_band_pk" PRIMARY KEY("org_id","day","subject_type","band")
);
--> statement-breakpoint
CREATE TABLE "risk_history" (
	"org_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"day" date NOT NULL,
	"bribery" double precision,
	"compromise" double precision,
	"risk" double precision NOT NULL,
	"band" text NOT NULL,
	CONSTRAINT "risk_history_org_id_subject_type_subject_id_day_pk" PRIMARY KEY("org_id","subject_type","subject_id","day")
);
--> statement-breakpoint
CREATE TABLE "risk_recomputes" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"people" integer NOT NULL,
	"vendors" integer NOT NULL,
	"ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_weights" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_risk_factors" (
	"org_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"factor" text NOT NULL,
	"label" text NOT NULL,
	"points" double precision NOT NULL,
	"evidence_kind" text NOT NULL,
	"evidence_id" text,
	"evidence_detail" text NOT NULL,
	CONSTRAINT "vendor_risk_factors_org_id_vendor_id_position_pk" PRIMARY KEY("org_id","vendor_id","position")
);
--> statement-breakpoint
CREATE TABLE "vendor_risk_scores" (
	"org_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"risk" double precision NOT NULL,
	"band" text NOT NULL,
	"people_count" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vendor_risk_scores_org_id_vendor_id_pk" PRIMARY KEY("org_id","vendor_id")
);
--> statement-breakpoint
ALTER TABLE "person_risk_factors" ADD CONSTRAINT "person_risk_factors_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_risk_scores" ADD CONSTRAINT "person_risk_scores_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_risk_scores" ADD CONSTRAINT "person_risk_scores_org_id_person_id_people_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_band_daily" ADD CONSTRAINT "risk_band_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_history" ADD CONSTRAINT "risk_history_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recomputes" ADD CONSTRAINT "risk_recomputes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_weights" ADD CONSTRAINT "risk_weights_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_weights" ADD CONSTRAINT "risk_weights_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_risk_factors" ADD CONSTRAINT "vendor_risk_factors_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_risk_scores" ADD CONSTRAINT "vendor_risk_scores_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_risk_scores" ADD CONSTRAINT "vendor_risk_scores_org_id_vendor_id_vendors_org_id_id_fk" FOREIGN KEY ("org_id","vendor_id") REFERENCES "public"."vendors"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_risk_scores_band_idx" ON "person_risk_scores" USING btree ("org_id","band");--> statement-breakpoint
CREATE INDEX "person_risk_scores_top_idx" ON "person_risk_scores" USING btree ("org_id","risk" DESC NULLS LAST,"person_id");--> statement-breakpoint
CREATE INDEX "risk_history_day_idx" ON "risk_history" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "vendor_risk_scores_band_idx" ON "vendor_risk_scores" USING btree ("org_id","band");--> statement-breakpoint
CREATE INDEX "vendor_risk_scores_top_idx" ON "vendor_risk_scores" USING btree ("org_id","risk" DESC NULLS LAST,"vendor_id");