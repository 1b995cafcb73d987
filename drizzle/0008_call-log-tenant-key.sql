-- Cheaper call-log rows (docs/observability.md): the primary key becomes (tenant_id, seq), which serves the tenant's
-- newest-first reads that call_log_tenant_seq_idx served, so the separate btree on seq alone is gone.
ALTER TABLE "call_log" DROP CONSTRAINT "call_log_pkey";--> statement-breakpoint
DROP INDEX "call_log_tenant_seq_idx";--> statement-breakpoint
ALTER TABLE "call_log" ADD CONSTRAINT "call_log_tenant_seq_pk" PRIMARY KEY("tenant_id","seq");
