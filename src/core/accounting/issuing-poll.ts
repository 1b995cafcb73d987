import type { PollResource } from '../events/polling.js'
import type { AccountingService } from './service.js'

/**
 * Issuance is asynchronous at every provider (a trackable job, GİB's queue): the poller asks about every invoice
 * of a connection still being issued, through the accounting service, so `issuing → issued | failed` is stored and
 * announced as `invoice.status_changed` exactly like a read.
 */
export const issuingPollResource = (accounting: AccountingService): PollResource => ({
  name: 'invoices',
  appliesTo: (provider) => provider.kind === 'accounting' && typeof provider.operations['invoices.get'] === 'function',
  async poll(ctx) {
    await accounting.refreshIssuing({ tenantId: ctx.connection.tenantId, connectionId: ctx.connection.id, scope: ctx.scope })
    return { observed: [], cursor: {} }
  },
})
