/** Seeded, realistic n11 data for the simulator: shipment packages and product rows in n11's wire shapes. */
import { seededRandom, turkishSamples } from '../../src/core/provider-kit/simulator.js'
import type { N11Address, N11Line, N11Package, N11Product } from './types.js'

const HOUR = 3600_000
const round2 = (value: number) => Math.round(value * 100) / 100

export interface N11PackageSpec {
  /** Null for "Konuma Özel Teslimat" orders. */
  id: number | null
  orderNumber: string
  /** The real instant the order was placed (n11 sends true epoch millis). */
  orderedAt: number
  status: string
  lines: {
    productName: string
    stockCode: string
    barcode: string
    quantity: number
    /** Unit price before discounts. */
    price: number
    /** Seller-funded discount for the whole line. */
    sellerDiscount: number
    /** n11-funded discount for the whole line. */
    mallDiscount?: number
    vatRate: number
  }[]
  customer: { fullName: string; email: string }
  address: { city: string; district: string; neighborhood: string; postalCode: string; line: string; gsm: string }
  /** Set once the carrier has taken the parcel: tracking number and link. */
  cargo?: { senderNumber: string; link: string }
  /** `at` absent: an entry n11 sends without `createdDate` (seen on prod by Lonca, 2026-10-10). */
  history: { status: string; at?: number }[]
}

function address(spec: N11PackageSpec, billing: boolean): N11Address {
  const { address: a } = spec
  return {
    fullName: spec.customer.fullName,
    address: a.line,
    city: a.city,
    district: a.district,
    neighborhood: a.neighborhood,
    postalCode: a.postalCode,
    gsm: a.gsm,
    tcId: '',
    ...(billing ? { taxId: null, taxHouse: null, invoiceType: 1, countryCode: 'TR' } : {}),
  }
}

/** A package exactly as `GET /rest/delivery/v1/shipmentPackages` returns it. */
export function toN11Package(spec: N11PackageSpec): N11Package {
  const base = (spec.id ?? Number(spec.orderNumber.slice(-6))) * 10
  const lines: N11Line[] = spec.lines.map((line, index) => {
    const gross = round2(line.price * line.quantity)
    const mall = line.mallDiscount ?? 0
    return {
      orderLineId: base + index,
      productId: 550_000_000 + base + index,
      productName: line.productName,
      stockCode: line.stockCode,
      barcode: line.barcode,
      quantity: line.quantity,
      price: line.price,
      dueAmount: round2(gross - line.sellerDiscount - mall),
      sellerDiscount: line.sellerDiscount,
      sellerCouponDiscount: 0,
      totalSellerDiscountPrice: line.sellerDiscount,
      mallDiscount: mall,
      totalMallDiscountPrice: mall,
      sellerInvoiceAmount: round2(gross - line.sellerDiscount),
      vatRate: line.vatRate,
      commissionRate: 12,
      sellerCampaignCommissionRate: 0,
      netMarketingFeeRate: 0.4,
      netMarketplaceFeeRate: 0.3,
      orderItemLineItemStatusName: spec.status,
      variantAttributes: [{ name: 'Renk', value: 'Standart' }],
      deliveryFeeType: 1,
      sender: 'SELLER',
      productOrigin: 'TR',
    }
  })
  const totalAmount = round2(spec.lines.reduce((sum, line) => sum + line.price * line.quantity, 0))
  const totalDiscount = round2(spec.lines.reduce((sum, line) => sum + line.sellerDiscount + (line.mallDiscount ?? 0), 0))
  return {
    id: spec.id,
    orderNumber: spec.orderNumber,
    shipmentPackageStatus: spec.status,
    lastModifiedDate: spec.history.at(-1)?.at ?? spec.orderedAt,
    agreedDeliveryDate: spec.orderedAt + 48 * HOUR,
    customerId: 14_000_000 + Number(spec.orderNumber.slice(-5)),
    customerfullName: spec.customer.fullName,
    customerEmail: spec.customer.email,
    tcIdentityNumber: '',
    taxId: null,
    taxOffice: null,
    billingAddress: address(spec, true),
    shippingAddress: address(spec, false),
    deliveryAddressType: null,
    shipmentCompanyId: 344,
    cargoProviderName: 'Yurtiçi Kargo',
    // n11's campaign code for the carrier, present from the start.
    cargoTrackingNumber: `729${spec.orderNumber.slice(-10)}`,
    cargoSenderNumber: spec.cargo?.senderNumber ?? null,
    cargoTrackingLink: spec.cargo?.link ?? null,
    shipmentMethod: 1,
    totalAmount,
    totalDiscountAmount: totalDiscount,
    isReturned: false,
    micro: false,
    invoiceLink: null,
    etgbNo: null,
    packageHistories: spec.history.map((entry) => (entry.at === undefined ? { status: entry.status } : { createdDate: entry.at, status: entry.status })),
    lines,
  }
}

const flow = ['Created', 'Picking', 'Shipped', 'Delivered'] as const
const endings = ['Delivered', 'Delivered', 'Shipped', 'Created', 'Picking', 'Cancelled', 'UnSupplied'] as const

/** Seeded packages over the `days` before `now`, oldest first. */
export function seedPackages({ count = 40, seed = 1111, now = Date.now(), days = 30 } = {}): N11PackageSpec[] {
  const rng = seededRandom(seed)
  const specs: N11PackageSpec[] = []
  for (let i = 0; i < count; i++) {
    const orderedAt = now - rng.int(1, days * 24) * HOUR - rng.int(0, 59) * 60_000
    const fullName = `${rng.pick(turkishSamples.firstNames)} ${rng.pick(turkishSamples.lastNames)}`
    const place = rng.pick(turkishSamples.places)
    const status = rng.pick(endings)
    const steps: string[] = status === 'Cancelled' || status === 'UnSupplied' ? ['Created', status] : [...flow.slice(0, flow.indexOf(status) + 1)]
    const stepAt = (index: number) => Math.min(orderedAt + index * 6 * HOUR + 1000, now - 60_000 + index)
    const lines = Array.from({ length: rng.int(1, 3) }, () => {
      const product = rng.pick(turkishSamples.products)
      const barcode = `868${String(rng.int(1_000_000_000, 9_999_999_999))}`
      const quantity = rng.int(1, 3)
      return {
        productName: product.name,
        stockCode: `N11-${barcode.slice(-6)}`,
        barcode,
        quantity,
        price: product.price,
        sellerDiscount: rng.next() < 0.3 ? round2(product.price * quantity * 0.1) : 0,
        mallDiscount: rng.next() < 0.2 ? 25 : 0,
        vatRate: 20,
      }
    })
    const orderNumber = String(212_000_000_000 + i * 104_729)
    specs.push({
      id: 312_000_000 + i * 7919,
      orderNumber,
      orderedAt,
      status,
      lines,
      customer: { fullName, email: `m***${i}@n11.com` },
      address: {
        ...place,
        line: `${rng.pick(turkishSamples.streets)} No:${rng.int(1, 120)} D:${rng.int(1, 20)}`,
        gsm: `5${rng.int(30, 59)}${rng.int(1_000_000, 9_999_999)}`,
      },
      cargo:
        status === 'Shipped' || status === 'Delivered'
          ? { senderNumber: String(100_000_000_000 + i), link: `https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code=${100_000_000_000 + i}` }
          : undefined,
      history: steps.map((step, index) => ({ status: step, at: stepAt(index) })),
    })
  }
  return specs.sort((a, b) => a.orderedAt - b.orderedAt)
}

export interface N11ProductSpec {
  n11ProductId: number
  stockCode: string
  title: string
  brand: string
  categoryId: number
  salePrice: number
  listPrice: number
  quantity: number
  status?: string
  barcode?: string | null
}

/** A row exactly as `GET /ms/product-query` returns it. */
export function toN11Product(spec: N11ProductSpec): N11Product {
  return {
    n11ProductId: spec.n11ProductId,
    sellerId: 4_200_100,
    sellerNickname: 'kopru-demo',
    stockCode: spec.stockCode,
    title: spec.title,
    description: `<p>${spec.title}</p>`,
    categoryId: spec.categoryId,
    productMainId: spec.stockCode.replace(/-\d+$/, ''),
    status: spec.status ?? 'Active',
    saleStatus: spec.quantity > 0 ? 'On_Sale' : 'Out_Of_Stock',
    preparingDay: 2,
    shipmentTemplate: 'Standart Kargo',
    maxPurchaseQuantity: null,
    customTextOptions: [],
    catalogId: null,
    barcode: spec.barcode ?? null,
    groupId: null,
    currencyType: 'TL',
    salePrice: spec.salePrice,
    listPrice: spec.listPrice,
    quantity: spec.quantity,
    attributes: [
      { attributeId: 1, attributeName: 'Marka', attributeValue: spec.brand },
      { attributeId: 2, attributeName: 'Renk', attributeValue: 'Standart' },
    ],
    imageUrls: [`https://n11scdn.akamaized.net/a1/602_857/demo/${spec.stockCode.toLowerCase()}.jpg`],
    vatRate: 20,
    commissionRate: 12,
    sender: 'SELLER',
  }
}

/** Seeded catalogue: `count` SKUs built from the Turkish sample products. */
export function seedProducts({ count = 60, seed = 1111 } = {}): N11ProductSpec[] {
  const rng = seededRandom(seed + 1)
  return Array.from({ length: count }, (_, i) => {
    const product = turkishSamples.products[i % turkishSamples.products.length]!
    const listPrice = round2(product.price * (rng.next() < 0.4 ? 1.2 : 1))
    return {
      n11ProductId: 551_000_000 + i,
      stockCode: `N11-SKU-${String(i + 1).padStart(4, '0')}`,
      title: `${product.name}${i >= turkishSamples.products.length ? ` Model ${Math.floor(i / turkishSamples.products.length) + 1}` : ''}`,
      brand: product.brand,
      categoryId: 1_000_000 + (i % turkishSamples.products.length),
      salePrice: product.price,
      listPrice,
      quantity: rng.int(0, 40),
      status: i % 17 === 16 ? 'Suspended' : 'Active',
      barcode: `868${String(2_000_000_000 + i)}`,
    }
  })
}

/** n11 task dates: Istanbul wall-clock time as `dd-MM-yyyy HH:mm:ss`. */
export function toN11TaskDate(instant: number): string {
  const local = new Date(instant + 3 * HOUR)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(local.getUTCDate())}-${two(local.getUTCMonth() + 1)}-${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`
}
