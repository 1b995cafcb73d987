/**
 * Fulfillment of a shipment package: "Notify Packages" (PUT …/shipment-packages/{id}, Picking), "Change
 * Cargo Provider" (PUT …/shipment-packages/{id}/cargo-providers) when the seller ships with another carrier
 * than the package's, and "Update Shipping Code" (PUT …/shipment-packages/{id}/update-tracking-number).
 */
import { KopruError } from '../../src/core/provider-kit/index.js'
import type { Fulfillment, FulfillmentRequest } from '../../src/models/index.js'
import { sellerPath, type Ctx } from './context.js'
import { trendyolCargoCode, trendyolCargoNameTable, trendyolTrackableStatuses } from './mapping.js'
import { fetchPackage } from './packages.js'

export async function createFulfillment(ctx: Ctx, { orderId, fulfillment }: { orderId: string; fulfillment: FulfillmentRequest }): Promise<Fulfillment> {
  const cargoCode = trendyolCargoCode(fulfillment.carrier)
  const { pkg } = await fetchPackage(ctx, orderId)
  const result: Fulfillment = {
    order_id: String(pkg.id),
    provider: 'trendyol',
    connection_id: ctx.connection.id,
    carrier: fulfillment.carrier,
    tracking_number: fulfillment.tracking_number,
    tracking_url: fulfillment.tracking_url ?? null,
    status: 'accepted',
  }
  // Sending the same tracking number again is a success, not a Trendyol refusal.
  if (pkg.cargoTrackingNumber != null && String(pkg.cargoTrackingNumber) === fulfillment.tracking_number) return result

  const status = pkg.shipmentPackageStatus ?? pkg.status ?? ''
  if (!trendyolTrackableStatuses.includes(status)) {
    throw new KopruError('conflict', `Trendyol package ${pkg.id} is ${status || 'in an unknown state'}; a tracking number can be set only before it ships`)
  }
  // Trendyol ships a package whole: a partial fulfillment needs the package split first.
  if (fulfillment.lines) {
    const asked = new Map(fulfillment.lines.map((line) => [line.id, line.quantity]))
    const whole = pkg.lines.length === asked.size && pkg.lines.every((line) => asked.get(String(line.id)) === line.quantity)
    if (!whole) {
      throw new KopruError('invalid_request', 'Trendyol ships a package as a whole: list every line of the package with its full quantity, or omit lines', {
        errors: [{ path: 'body.lines', message: `package ${pkg.id} has lines ${pkg.lines.map((line) => `${line.id}×${line.quantity}`).join(', ')}` }],
      })
    }
  }

  const packagePath = `${sellerPath(ctx, 'order')}/shipment-packages/${pkg.id}`
  const write = (path: string, json: unknown, operation: string) =>
    ctx.request({ method: 'PUT', path, json, quotaGroup: 'shipment-packages', operation })
  if (status === 'Created') {
    // "you should first notify Picking and then Invoiced": a package handed to a carrier is at least being picked.
    const lines = pkg.lines.map((line) => ({ lineId: line.id, quantity: line.quantity }))
    await write(packagePath, { lines, params: {}, status: 'Picking' }, 'fulfillments.create:picking')
  }
  if (pkg.cargoProviderName !== trendyolCargoNameTable[cargoCode]) {
    await write(`${packagePath}/cargo-providers`, { cargoProvider: cargoCode }, 'fulfillments.create:cargo-provider')
  }
  await write(`${packagePath}/update-tracking-number`, { trackingNumber: fulfillment.tracking_number }, 'fulfillments.create:tracking-number')
  return result
}
