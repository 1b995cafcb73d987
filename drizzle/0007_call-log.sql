CREATE TABLE "call_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"tenant_id" text NOT NULL,
	"connection_id" text,
	"provider" text NOT NULL,
	"operation" text NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"host" text NOT NULL,
	"path" text NOT NULL,
	"status" integer,
	"duration_ms" integer NOT NULL,
	"attempt" integer NOT NULL,
	"retry_reason" text,
	"quota_wait_ms" integer DEFAULT 0 NOT NULL,
	"circuit" text NOT NULL,
	"request_id" text NOT NULL,
	"error_code" text,
	"request_body" text,
	"response_body" text
);
--> statement-breakpoint
CREATE INDEX "call_log_tenant_seq_idx" ON "call_log" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "call_log_request_idx" ON "call_log" USING btree ("request_id");