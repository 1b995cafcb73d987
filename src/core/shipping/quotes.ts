import type { RequestScope } from '../request-scope.js'
import type { Rate, RateRequest, Tracker } from '../../models/shipment.js'
import { KopruError } from '../errors.js'
import { parseRateSheet, rateFromSheet } from './rate-sheet.js'
import type { ShippingDeps } from './service.js'

export async function trackShipment(deps: ShippingDeps, input: { tenantId: string; connectionId: string | undefined; trackingNumber: string; scope: RequestScope }): Promise<Tracker> {
  const connection = await deps.runner.usable(input.tenantId, input.connectionId)
  // A shipment kopru created is tracked with its stored reference too (carriers that track by reference).
  const known = await deps.shipments.byTrackingNumber(input.tenantId, connection.info.id, input.trackingNumber)
  const { result } = await deps.runner.run(
    input.tenantId,
    connection.info.id,
    'tracking.get',
    { trackingNumber: input.trackingNumber, reference: known?.reference },
    input.scope,
  )
  return result
}

/** The carrier's quote where it has a rating API, and the connection's rate sheet where one is stored. */
export async function quoteRates(deps: ShippingDeps, input: { tenantId: string; connectionId: string | undefined; request: RateRequest; scope: RequestScope }): Promise<Rate[]> {
  const connection = await deps.runner.usable(input.tenantId, input.connectionId)
  const sheet = connection.info.settings.rate_sheet
  const rates: Rate[] = []
  if (connection.provider.operations['rates.list']) {
    const { result } = await deps.runner.run(input.tenantId, connection.info.id, 'rates.list', { request: input.request }, input.scope)
    rates.push(...result)
  }
  if (sheet !== undefined) rates.push(rateFromSheet(parseRateSheet(sheet), connection.provider.id, input.request))
  if (rates.length === 0 && !connection.provider.operations['rates.list']) {
    throw new KopruError('unsupported_operation', `${connection.provider.name} has no rating API; store a rate sheet in the connection's settings.rate_sheet`)
  }
  return rates
}
