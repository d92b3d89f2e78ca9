CREATE TABLE "signal_daily_counts" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"signals" integer NOT NULL,
	"open" integer NOT NULL,
	CONSTRAINT "signal_daily_counts_org_id_day_kind_severity_pk" PRIMARY KEY("org_id","day","kind","severity")
);
--> statement-breakpoint
ALTER TABLE "signal_daily_counts" ADD CONSTRAINT "signal_daily_counts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signals_window_end_idx" ON "signals" USING btree ("org_id","window_end");