import { seededRandom, turkishSamples } from '../../src/core/provider-kit/simulator.js'
import type { TrendyolAddress, TrendyolLine, TrendyolSentPackage, TrendyolSentProduct } from './types.js'

const HOUR = 3600_000

/** Turkish wall-clock time of an instant, as Trendyol encodes `orderDate` (epoch millis read as UTC). */
export const toTrendyolLocal = (instant: number) => instant + 3 * HOUR

export interface PackageSpec {
  id: number
  orderNumber: string
  /** The real instant the order was placed. */
  orderedAt: number
  status: string
  lines: { productName: string; barcode: string; merchantSku: string; quantity: number; amount: number; discount: number; vatRate: number }[]
  customer: { firstName: string; lastName: string; email: string }
  address: { city: string; district: string; neighborhood: string; postalCode: string; line: string; phone: string | null }
  cargo?: { trackingNumber: number; providerName: string; link: string }
  history: { status: string; at: number }[]
}

const round2 = (value: number) => Math.round(value * 100) / 100

function address(spec: PackageSpec, id: number): TrendyolAddress {
  const { customer, address: a } = spec
  return {
    id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    fullName: `${customer.firstName} ${customer.lastName}`,
    company: '',
    address1: `${a.neighborhood} ${a.line}`,
    address2: '',
    city: a.city,
    cityCode: 34,
    district: a.district,
    districtId: 1000 + (id % 900),
    neighborhood: a.neighborhood,
    postalCode: a.postalCode,
    countryCode: 'TR',
    phone: a.phone,
    fullAddress: `${a.neighborhood} ${a.line} ${a.district}/${a.city}`,
  }
}

/** A package exactly as getShipmentPackages returns it. */
/** The package fields of Trendyol's older order model, renamed in its current one (wire.ts says which to which). */
const LEGACY_PACKAGE_FIELDS = ['id', 'grossAmount', 'totalDiscount', 'totalTyDiscount', 'totalPrice'] as const
const LEGACY_LINE_FIELDS = ['id', 'amount', 'price'] as const

/** A package as Trendyol's current documentation shows it: only the current names (`shipmentPackageId`, `lineId`, …). */
export function currentModelOnly(pkg: TrendyolSentPackage): Record<string, unknown> {
  const current: Record<string, unknown> = { ...pkg }
  for (const field of LEGACY_PACKAGE_FIELDS) delete current[field]
  current.lines = pkg.lines.map((line) => {
    const rest: Record<string, unknown> = { ...line }
    for (const field of LEGACY_LINE_FIELDS) delete rest[field]
    return rest
  })
  return current
}

export function toTrendyolPackage(spec: PackageSpec): TrendyolSentPackage {
  const lines: TrendyolLine[] = spec.lines.map((line, index) => {
    const unitNet = round2(line.amount - line.discount)
    return {
      id: spec.id * 10 + index,
      lineId: spec.id * 10 + index,
      quantity: line.quantity,
      salesCampaignId: 61,
      productSize: 'Tek Ebat',
      merchantSku: line.merchantSku,
      sku: line.merchantSku,
      stockCode: line.merchantSku,
      productName: line.productName,
      productCode: 1_300_000_000 + spec.id * 10 + index,
      merchantId: 100200,
      amount: line.amount,
      price: unitNet,
      lineGrossAmount: line.amount,
      lineUnitPrice: unitNet,
      lineSellerDiscount: round2(line.discount * line.quantity),
      lineTyDiscount: 0,
      lineTotalDiscount: round2(line.discount * line.quantity),
      discount: line.discount,
      tyDiscount: 0,
      discountDetails: Array.from({ length: line.quantity }, () => ({
        lineItemPrice: unitNet,
        lineItemDiscount: line.discount,
        lineItemTyDiscount: 0,
      })),
      currencyCode: 'TRY',
      productColor: 'Standart',
      barcode: line.barcode,
      vatBaseAmount: line.vatRate,
      vatRate: line.vatRate,
      orderLineItemStatusName: spec.status,
    }
  })
  const gross = round2(spec.lines.reduce((sum, line) => sum + line.amount * line.quantity, 0))
  const discount = round2(spec.lines.reduce((sum, line) => sum + line.discount * line.quantity, 0))
  const lastChange = spec.history.at(-1)?.at ?? spec.orderedAt
  return {
    id: spec.id,
    shipmentPackageId: spec.id,
    orderNumber: spec.orderNumber,
    orderDate: toTrendyolLocal(spec.orderedAt),
    grossAmount: gross,
    packageGrossAmount: gross,
    totalDiscount: discount,
    packageSellerDiscount: discount,
    totalTyDiscount: 0,
    totalPrice: round2(gross - discount),
    packageTyDiscount: 0,
    packageTotalDiscount: discount,
    packageTotalPrice: round2(gross - discount),
    taxNumber: null,
    currencyCode: 'TRY',
    customerFirstName: spec.customer.firstName,
    customerLastName: spec.customer.lastName,
    customerEmail: spec.customer.email,
    customerId: 29_000_000 + spec.id,
    shipmentAddress: address(spec, spec.id * 2),
    invoiceAddress: address(spec, spec.id * 2 + 1),
    cargoTrackingNumber: spec.cargo?.trackingNumber ?? null,
    cargoTrackingLink: spec.cargo?.link ?? null,
    cargoSenderNumber: spec.cargo ? '210090111' : null,
    cargoProviderName: spec.cargo?.providerName ?? null,
    lines,
    packageHistories: spec.history.map((entry) => ({ createdDate: entry.at, status: entry.status })),
    shipmentPackageStatus: spec.status,
    status: spec.status,
    deliveryType: 'normal',
    estimatedDeliveryStartDate: toTrendyolLocal(spec.orderedAt + 48 * HOUR),
    estimatedDeliveryEndDate: toTrendyolLocal(spec.orderedAt + 96 * HOUR),
    lastModifiedDate: lastChange,
    fastDelivery: false,
    commercial: false,
    deliveryAddressType: 'Shipment',
  }
}

const flow = ['Created', 'Picking', 'Invoiced', 'Shipped', 'Delivered'] as const
const endings = ['Delivered', 'Delivered', 'Shipped', 'Created', 'Picking', 'Invoiced', 'Cancelled', 'Returned', 'UnDelivered'] as const

/** Seeded, realistic order packages over the `days` before `now`, newest last. */
export function seedPackages({ count = 40, seed = 2026, now = Date.now(), days = 30 } = {}): PackageSpec[] {
  const rng = seededRandom(seed)
  const specs: PackageSpec[] = []
  for (let i = 0; i < count; i++) {
    const orderedAt = now - rng.int(1, days * 24) * HOUR - rng.int(0, 59) * 60_000
    const firstName = rng.pick(turkishSamples.firstNames)
    const lastName = rng.pick(turkishSamples.lastNames)
    const place = rng.pick(turkishSamples.places)
    const status = rng.pick(endings)
    const steps = status === 'Cancelled' || status === 'UnDelivered' || status === 'Returned' ? ['Created'] : flow.slice(0, flow.indexOf(status) + 1)
    // Each step some hours after the previous one, never in the future.
    const stepAt = (hours: number) => Math.min(orderedAt + hours * HOUR + 1000, now - 60_000 + hours)
    const history = steps.map((step, index) => ({ status: step, at: stepAt(index * 6) }))
    if (status === 'Cancelled' || status === 'UnDelivered' || status === 'Returned') history.push({ status, at: stepAt(30) })
    const lines = Array.from({ length: rng.int(1, 3) }, () => {
      const product = rng.pick(turkishSamples.products)
      const barcode = `869${String(rng.int(1_000_000_000, 9_999_999_999))}`
      return {
        productName: product.name,
        barcode,
        merchantSku: `SKU-${barcode.slice(-6)}`,
        quantity: rng.int(1, 3),
        amount: product.price,
        discount: rng.next() < 0.3 ? round2(product.price * 0.1) : 0,
        vatRate: 20,
      }
    })
    const shipped = ['Shipped', 'Delivered', 'UnDelivered', 'Returned'].includes(status)
    specs.push({
      id: 3_700_000_000 + i * 7919,
      orderNumber: String(10_900_000_000 + i * 104_729),
      orderedAt,
      status,
      lines,
      customer: { firstName, lastName, email: `pf+${i}@trendyolmail.com` },
      address: {
        ...place,
        line: `${rng.pick(turkishSamples.streets)} No:${rng.int(1, 120)} D:${rng.int(1, 20)}`,
        phone: rng.next() < 0.5 ? `05${rng.int(30, 59)}${rng.int(1_000_000, 9_999_999)}` : null,
      },
      cargo: shipped
        ? {
            trackingNumber: 7_330_031_000_000_000 + i,
            providerName: 'Trendyol Express Marketplace',
            link: `https://kargotakip.trendyol.com/?orderNumber=${10_900_000_000 + i * 104_729}`,
          }
        : undefined,
      history,
    })
  }
  return specs.sort((a, b) => a.orderedAt - b.orderedAt)
}

export interface ProductSpec {
  barcode: string
  stockCode: string
  title: string
  brand: string
  category: string
  quantity: number
  salePrice: number
  listPrice: number
  /** Flags as filterProducts reports them; defaults: approved and on sale. */
  approved?: boolean
  onSale?: boolean
  archived?: boolean
  rejected?: boolean
  blacklisted?: boolean
  locked?: boolean
  createdAt: number
  updatedAt?: number
}

/** A listing exactly as filterProducts returns it. */
export function toTrendyolProduct(spec: ProductSpec, index = 0): TrendyolSentProduct {
  const hex = Array.from(spec.barcode.padEnd(16, '0').slice(0, 16), (ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('')
  return {
    id: hex.slice(0, 32).padEnd(32, '0'),
    approved: spec.approved ?? true,
    archived: spec.archived ?? false,
    onSale: spec.onSale ?? (spec.approved ?? true),
    rejected: spec.rejected ?? false,
    blacklisted: spec.blacklisted ?? false,
    locked: spec.locked ?? false,
    hasActiveCampaign: false,
    productCode: 13_600_000 + index,
    productContentId: 307_000_000 + index,
    pimCategoryId: 2231,
    batchRequestId: null,
    supplierId: 100200,
    createDateTime: spec.createdAt,
    lastUpdateDate: spec.updatedAt ?? spec.createdAt,
    gender: 'Unisex',
    brand: spec.brand,
    brandId: 1_031_929,
    barcode: spec.barcode,
    title: spec.title,
    categoryName: spec.category,
    productMainId: `PM-${spec.stockCode}`,
    description: `${spec.title} — ${spec.brand}`,
    stockUnitType: 'Adet',
    quantity: spec.quantity,
    listPrice: spec.listPrice,
    salePrice: spec.salePrice,
    vatRate: 20,
    dimensionalWeight: 1,
    stockCode: spec.stockCode,
    images: [{ url: `https://cdn.dsmcdn.com/ty${index}/product/media/images/${spec.barcode}_1_org_zoom.jpg` }],
    attributes: [{ attributeId: 338, attributeName: 'Beden', attributeValue: 'Tek Ebat', attributeValueId: 6821 }],
    variantAttributes: [{ attributeName: 'Renk', attributeValue: 'Çok Renkli' }],
    rejectReasonDetails: [],
    productUrl: `https://www.trendyol.com/sr?q=${spec.barcode}`,
    platformListingId: `pl${hex.slice(0, 18)}`,
    stockId: hex.slice(0, 32),
    color: 'Çok Renkli',
    locationBasedDelivery: null,
    lotNumber: null,
  }
}

/** Seeded listings: mostly on sale, a few waiting for approval, out of stock or archived. */
export function seedProducts({ count = 24, seed = 7, now = Date.now() } = {}): ProductSpec[] {
  const rng = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => {
    const product = rng.pick(turkishSamples.products)
    const barcode = `8683${String(100_000_000 + i * 7_919).padStart(9, '0')}`
    const flags = i % 11 === 5 ? { approved: false, onSale: false } : i % 13 === 7 ? { onSale: false } : i % 17 === 9 ? { archived: true, onSale: false } : {}
    return {
      barcode,
      stockCode: `STK-${barcode.slice(-6)}`,
      title: product.name,
      brand: product.brand,
      category: product.category,
      quantity: flags.onSale === false ? 0 : rng.int(1, 250),
      salePrice: product.price,
      listPrice: round2(product.price * 1.2),
      createdAt: now - (count - i) * HOUR,
      ...flags,
    }
  })
}
