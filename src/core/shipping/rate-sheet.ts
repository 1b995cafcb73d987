import { z } from 'zod'
import type { Rate, RateRequest } from '../../models/shipment.js'
import { KopruError } from '../errors.js'
import { sumMoney, toDecimalString } from '../provider-kit/money.js'
import { chargeableWeight } from '../provider-kit/shipping.js'

const decimal = z.string().regex(/^\d+(\.\d{1,4})?$/, 'a decimal string such as "54.90"')
const zoneName = z.string().trim().min(1).max(40)
const city = z.string().trim().min(1).max(60)

/**
 * A carrier price list as Turkish carriers publish them: price per desi band (chargeable weight = the larger of
 * kg and desi, per parcel) and distance zone (şehir içi, yakın, orta, uzak …), stored per connection in
 * `settings.rate_sheet` for carriers without a rating API.
 */
export const RateSheet = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/),
    service: z.string().trim().min(1).max(60).default('standard'),
    zones: z.array(zoneName).min(1).max(20),
    /** Zone for sender and recipient in the same city. */
    same_city_zone: zoneName.optional(),
    /** Zone of any route not listed. */
    default_zone: zoneName,
    /** City pairs (either direction) and their zone. */
    routes: z.array(z.object({ from: city, to: city, zone: zoneName })).max(5000).default([]),
    /** Ascending `max_desi` with a price for every zone; beyond the last band `extra_per_desi` applies. */
    bands: z.array(z.object({ max_desi: z.number().positive(), prices: z.record(zoneName, decimal) })).min(1).max(200),
    extra_per_desi: z.record(zoneName, decimal).optional(),
    cod_fee: z.object({ fixed: decimal.default('0'), percent: decimal.default('0') }).optional(),
    estimated_days: z.record(zoneName, z.number().int().min(0).max(60)).optional(),
  })
  .superRefine((sheet, ctx) => {
    const zones = new Set(sheet.zones)
    const known = (zone: string, path: (string | number)[]) => {
      if (!zones.has(zone)) ctx.addIssue({ code: 'custom', path, message: `zone '${zone}' is not in zones` })
    }
    known(sheet.default_zone, ['default_zone'])
    if (sheet.same_city_zone) known(sheet.same_city_zone, ['same_city_zone'])
    sheet.routes.forEach((route, i) => known(route.zone, ['routes', i, 'zone']))
    sheet.bands.forEach((band, i) => {
      if (i > 0 && band.max_desi <= sheet.bands[i - 1]!.max_desi) {
        ctx.addIssue({ code: 'custom', path: ['bands', i, 'max_desi'], message: 'bands must ascend by max_desi' })
      }
      for (const zone of zones) {
        if (!(zone in band.prices)) ctx.addIssue({ code: 'custom', path: ['bands', i, 'prices', zone], message: 'missing price for this zone' })
      }
      for (const zone of Object.keys(band.prices)) known(zone, ['bands', i, 'prices', zone])
    })
    for (const zone of Object.keys(sheet.extra_per_desi ?? {})) known(zone, ['extra_per_desi', zone])
  })
export type RateSheet = z.infer<typeof RateSheet>

/** Validates `settings.rate_sheet`; field errors name the path under `settings.rate_sheet`. */
export function parseRateSheet(value: unknown, prefix = 'settings.rate_sheet'): RateSheet {
  const parsed = RateSheet.safeParse(value)
  if (parsed.success) return parsed.data
  throw new KopruError('invalid_request', 'the rate sheet is invalid', {
    errors: parsed.error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message })),
  })
}

const cityKey = (name: string) => name.trim().toLocaleLowerCase('tr')

export function zoneFor(sheet: RateSheet, from: string, to: string): string {
  const a = cityKey(from)
  const b = cityKey(to)
  if (a === b && sheet.same_city_zone) return sheet.same_city_zone
  const route = sheet.routes.find((r) => {
    const x = cityKey(r.from)
    const y = cityKey(r.to)
    return (x === a && y === b) || (x === b && y === a)
  })
  return route?.zone ?? sheet.default_zone
}

const toUnits = (amount: string, digits = 4) => BigInt(toDecimalString(amount, digits).replace('.', ''))
const fromUnits = (units: bigint, digits = 4) => {
  const text = units.toString().padStart(digits + 1, '0')
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/** Price of one parcel with `desi` chargeable desi in `zone`, exact decimal arithmetic. */
export function parcelPrice(sheet: RateSheet, zone: string, desi: number): string {
  const band = sheet.bands.find((b) => desi <= b.max_desi)
  if (band) return toDecimalString(band.prices[zone]!, 2)
  const last = sheet.bands[sheet.bands.length - 1]!
  const extra = sheet.extra_per_desi?.[zone]
  if (!extra) {
    throw new KopruError('invalid_request', `a parcel of ${desi} desi exceeds the rate sheet's largest band (${last.max_desi} desi)`, {
      errors: [{ path: 'body.parcels', message: `at most ${last.max_desi} desi with this rate sheet` }],
    })
  }
  const over = BigInt(Math.ceil(desi - last.max_desi))
  return toDecimalString(fromUnits(toUnits(last.prices[zone]!) + toUnits(extra) * over), 2)
}

export function rateFromSheet(sheet: RateSheet, carrier: string, request: RateRequest): Rate {
  const zone = zoneFor(sheet, request.shipper.city, request.recipient.city)
  const parts = request.parcels.map((parcel) => ({ amount: parcelPrice(sheet, zone, Math.ceil(chargeableWeight(parcel))), currency: sheet.currency }))
  if (request.cod && sheet.cod_fee) {
    const percentFee = (toUnits(request.cod.amount.amount) * toUnits(sheet.cod_fee.percent)) / 1_000_000n
    parts.push({ amount: toDecimalString(fromUnits(toUnits(sheet.cod_fee.fixed) + percentFee), 2), currency: sheet.currency })
  }
  return {
    carrier,
    service: sheet.service,
    total: sumMoney(parts, sheet.currency),
    source: 'rate_sheet',
    estimated_days: sheet.estimated_days?.[zone] ?? null,
  }
}
