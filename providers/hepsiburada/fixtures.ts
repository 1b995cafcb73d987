import { seededRandom, turkishSamples } from '../../src/core/provider-kit/simulator.js'
import type { HbAddress, HbLine, HbListing } from './types.js'

const HOUR = 3600_000

/** An instant as Hepsiburada writes it: Turkish wall-clock time, no offset (`2026-11-20T21:30:00`). */
export const toHbLocal = (instant: number) => new Date(instant + 3 * HOUR).toISOString().slice(0, 19)

export interface OrderSpec {
  orderNumber: string
  /** The real instant the order was placed. */
  orderedAt: number
  /** Status of every line: Open, Packaged, InTransit, Delivered, Undelivered, Cancelled, or anything else. */
  status: string
  /** When the lines reached `status` (defaults to orderedAt + 2 h). */
  statusAt?: number
  lines: { name: string; merchantSku: string; hbSku: string; barcode: string; quantity: number; unitPrice: number; hbDiscount: number; merchantDiscount: number; vatRate: number }[]
  customer: { name: string; email: string; phone: string }
  address: { city: string; town: string; district: string; postalCode: string; line: string }
  cargoCompany?: string
}

const round2 = (value: number) => Math.round(value * 100) / 100
const money = (amount: number) => ({ amount: round2(amount), currency: 'TRY' })

const packagedStatuses = ['Packaged', 'InTransit', 'Shipped', 'Delivered', 'Undelivered']

export const packageNumberOf = (spec: OrderSpec) => (packagedStatuses.includes(spec.status) ? `6${spec.orderNumber.slice(-9)}` : null)

const cargoModels: Record<string, { id: number; name: string; shortName: string; trackingUrl: string }> = {
  YK: { id: 1, name: 'Yurtiçi Kargo', shortName: 'YK', trackingUrl: 'https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula' },
  ARAS: { id: 2, name: 'Aras Kargo', shortName: 'ARAS', trackingUrl: 'https://kargotakip.araskargo.com.tr' },
  MNG: { id: 3, name: 'MNG Kargo', shortName: 'MNG', trackingUrl: 'https://www.mngkargo.com.tr/gonderitakip' },
  HX: { id: 4, name: 'HepsiJET', shortName: 'HX', trackingUrl: 'https://www.hepsijet.com/gonderi-takibi' },
}

export const cargoModelFor = (shortName: string) =>
  cargoModels[shortName] ?? { id: 99, name: shortName, shortName, trackingUrl: '' }

export function addressOf(spec: OrderSpec, id: string): HbAddress {
  return {
    addressId: id,
    name: spec.customer.name,
    address: spec.address.line,
    city: spec.address.city,
    town: spec.address.town,
    district: spec.address.district,
    postalCode: spec.address.postalCode,
    countryCode: 'TR',
    phoneNumber: spec.customer.phone,
    alternatePhoneNumber: null,
    email: spec.customer.email,
    directions: null,
  }
}

/** The lines of an order exactly as `/orders` and the order detail return them. */
export function toHbLines(spec: OrderSpec, merchantId: string): HbLine[] {
  const packageNumber = packageNumberOf(spec)
  const cargo = cargoModelFor(spec.cargoCompany ?? 'YK')
  return spec.lines.map((line, index) => {
    const gross = line.unitPrice * line.quantity
    const total = round2(gross - line.hbDiscount - line.merchantDiscount)
    return {
      id: `${spec.orderNumber.slice(-8).padStart(8, '0')}-4b1e-4a3c-9d2f-${String(index + 1).padStart(12, '0')}`,
      orderId: `ord-${spec.orderNumber}`,
      orderNumber: spec.orderNumber,
      orderDate: toHbLocal(spec.orderedAt),
      status: spec.status,
      quantity: line.quantity,
      sku: line.hbSku,
      merchantSKU: line.merchantSku,
      name: line.name,
      merchantId,
      customerId: `cus-${spec.orderNumber.slice(-5)}`,
      customerName: spec.customer.name,
      packageNumber,
      barcode: packageNumber ? `HBX${packageNumber}` : null,
      productBarcode: line.barcode,
      productImageUrlFormat: `https://productimages.hepsiburada.net/s/1/{size}/${line.hbSku}.jpg`,
      unitPrice: money(line.unitPrice),
      totalPrice: money(total),
      hbDiscount: { totalPrice: money(line.hbDiscount), unitPrice: money(line.hbDiscount / line.quantity) },
      merchantDiscount: { totalPrice: money(line.merchantDiscount), unitPrice: money(line.merchantDiscount / line.quantity) },
      commission: money(total * 0.12),
      commissionRate: 12,
      vat: round2((total * line.vatRate) / (100 + line.vatRate)),
      vatRate: line.vatRate,
      cargoCompany: cargo.name,
      cargoCompanyModel: { ...cargo, logoUrl: '' },
      canCreatePackage: spec.status === 'Open',
      isCancellable: spec.status === 'Open',
      dispatchTime: 2,
      dueDate: toHbLocal(spec.orderedAt + 48 * HOUR),
      lastStatusUpdateDate: toHbLocal(spec.statusAt ?? spec.orderedAt + 2 * HOUR),
      deliveryType: 'Standard',
      shippingAddress: addressOf(spec, `adr-${spec.orderNumber}-s`),
      invoice: { address: addressOf(spec, `adr-${spec.orderNumber}-i`), taxNumber: null, taxOffice: null, turkishIdentityNumber: '11111111111' },
    }
  })
}

const listingHbSku = (k: number) => `HBCV0000${100_000 + k}`
const listingMerchantSku = (k: number) =>
  `HB-${turkishSamples.products[k % turkishSamples.products.length]!.brand.slice(0, 3).toLocaleUpperCase('tr')}-${1000 + k}`

const endings = ['Open', 'Open', 'Open', 'Packaged', 'Packaged', 'InTransit', 'Delivered', 'Delivered', 'Undelivered', 'Cancelled'] as const

/** Seeded, realistic orders over the `days` before `now`, oldest first. */
export function seedOrders({ count = 36, seed = 1998, now = Date.now(), days = 20 } = {}): OrderSpec[] {
  const rng = seededRandom(seed)
  const specs: OrderSpec[] = []
  for (let i = 0; i < count; i++) {
    const orderedAt = now - rng.int(3, days * 24) * HOUR - rng.int(0, 59) * 60_000
    const place = rng.pick(turkishSamples.places)
    const name = `${rng.pick(turkishSamples.firstNames)} ${rng.pick(turkishSamples.lastNames)}`
    const lines = Array.from({ length: rng.int(1, 3) }, () => {
      const k = rng.int(0, 59)
      const product = turkishSamples.products[k % turkishSamples.products.length]!
      const quantity = rng.int(1, 2)
      const discounted = rng.next() < 0.3
      return {
        name: product.name,
        merchantSku: listingMerchantSku(k),
        hbSku: listingHbSku(k),
        barcode: `869${String(4_000_000_000 + k * 7919)}`,
        quantity,
        unitPrice: product.price,
        hbDiscount: discounted ? round2(product.price * quantity * 0.05) : 0,
        merchantDiscount: discounted ? round2(product.price * quantity * 0.05) : 0,
        vatRate: 20,
      }
    })
    specs.push({
      orderNumber: String(4_520_000_000 + i * 10_007),
      orderedAt,
      status: rng.pick(endings),
      statusAt: Math.min(orderedAt + rng.int(1, 30) * HOUR, now - 60_000),
      lines,
      customer: { name, email: `musteri${i}@hepsiburada-sim.com`, phone: `05${rng.int(30, 59)}${rng.int(1_000_000, 9_999_999)}` },
      address: {
        city: place.city,
        town: place.district,
        district: place.neighborhood,
        postalCode: place.postalCode,
        line: `${place.neighborhood} ${rng.pick(turkishSamples.streets)} No:${rng.int(1, 120)} D:${rng.int(1, 20)}`,
      },
      cargoCompany: rng.pick(['YK', 'ARAS', 'MNG', 'HX']),
    })
  }
  return specs.sort((a, b) => a.orderedAt - b.orderedAt)
}

export interface ListingSpec {
  hepsiburadaSku: string
  merchantSku: string
  price: number
  availableStock: number
  isSalable?: boolean
  isLocked?: boolean
  isFrozen?: boolean
  isSuspended?: boolean
  campaignPrice?: number
}

export function toHbListing(spec: ListingSpec, index: number): HbListing {
  return {
    listingId: `3b1c${String(index).padStart(4, '0')}-7d2e-4f10-9a61-${String(index).padStart(12, '0')}`,
    uniqueIdentifier: `${spec.hepsiburadaSku}-${spec.merchantSku}`,
    hepsiburadaSku: spec.hepsiburadaSku,
    merchantSku: spec.merchantSku,
    price: spec.price,
    availableStock: spec.availableStock,
    dispatchTime: 2,
    cargoCompany1: 'Yurtiçi Kargo',
    cargoCompany2: 'Aras Kargo',
    cargoCompany3: null,
    shippingAddressLabel: 'Merkez Depo',
    shippingProfileName: 'Standart',
    claimAddressLabel: 'Merkez Depo',
    maximumPurchasableQuantity: 0,
    minimumPurchasableQuantity: 1,
    pricings: spec.campaignPrice === undefined ? [] : [{ finalPrice: spec.campaignPrice, startDate: null, endDate: null, debtors: [] }],
    isSalable: spec.isSalable ?? spec.availableStock > 0,
    customizableProperties: [],
    deactivationReasons: spec.isSalable === false ? ['StockOut'] : [],
    isSuspended: spec.isSuspended ?? false,
    isLocked: spec.isLocked ?? false,
    lockReasons: spec.isLocked ? ['MaxLock'] : [],
    isFrozen: spec.isFrozen ?? false,
    freezeReasons: spec.isFrozen ? ['QualityCheck'] : [],
    availableWarehouses: [],
    isFulfilledByHB: false,
    priceIncreaseDisabled: false,
    priceDecreaseDisabled: false,
    stockDecreaseDisabled: false,
    skuAfterSuspension: null,
    productId: null,
    hasVariant: false,
  }
}

/** Seeded listings: the SKUs the seeded orders sell, and more. */
export function seedListings({ count = 60, seed = 1998 } = {}): ListingSpec[] {
  const rng = seededRandom(seed + 1)
  return Array.from({ length: count }, (_, i) => {
    const product = turkishSamples.products[i % turkishSamples.products.length]!
    return {
      hepsiburadaSku: listingHbSku(i),
      merchantSku: listingMerchantSku(i),
      price: product.price,
      availableStock: i % 11 === 0 ? 0 : rng.int(1, 250),
      isLocked: i % 17 === 5,
      campaignPrice: i % 9 === 3 ? Math.round(product.price * 90) / 100 : undefined,
    }
  })
}
