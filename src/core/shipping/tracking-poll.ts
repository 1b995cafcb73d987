import type { PollResource } from '../events/polling.js'
import type { ShippingService } from './service.js'

/**
 * Carrier tracking has no webhooks: the poller asks the carrier about every shipment of a connection that can
 * still change, through the shipping service, so a status change is stored and announced exactly like a read.
 */
export const trackingPollResource = (shipping: ShippingService): PollResource => ({
  name: 'tracking',
  appliesTo: (provider) => provider.kind === 'carrier' && typeof provider.operations['shipments.get'] === 'function',
  async poll(ctx) {
    await shipping.refreshOpen({ tenantId: ctx.connection.tenantId, connectionId: ctx.connection.id, scope: ctx.scope })
    return { observed: [], cursor: {} }
  },
})
