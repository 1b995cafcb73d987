CREATE TABLE "demo_simulators" (
	"id" integer PRIMARY KEY NOT NULL,
	"urls" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
