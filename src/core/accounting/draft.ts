/**
 * Turns a create request into the invoice kopru sends: explicit net lines, or a unified order's VAT-inclusive
 * lines split into net + VAT (provider-kit/vat.ts). Every refusal names the field and happens before any
 * accounting call.
 */
import type { Order } from '../../models/order.js'
import type { Buyer, CreateInvoiceRequest, DocumentType, InvoiceDraft, InvoiceLine } from '../../models/invoice.js'
import { KopruError } from '../errors.js'
import { sha256Hex } from '../idempotency.js'
import { UNKNOWN_CONSUMER_TCKN } from '../provider-kit/tax-id.js'
import { invoiceTotals, isVatRate, linesFromGross, linesFromNet, type InvoiceLineAmounts, type VatRate } from '../provider-kit/vat.js'

/** Cargo is a service at the general rate. */
const SHIPPING_VAT_RATE = 20

const refuse = (path: string, message: string, detail = `the invoice cannot be built: ${message}`) =>
  new KopruError('invalid_request', detail, { errors: [{ path, message }] })

/** Today in Turkey (UTC+3 all year since 2016), as YYYY-MM-DD. */
export const turkishDate = (now: Date) => new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 10)

/** The ETTN (document UUID) from the reference: a retry of the same write carries the same ETTN. */
export async function ettnFor(reference: string): Promise<string> {
  const hex = await sha256Hex(`kopru-ettn\n${reference}`)
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function withAmounts(amounts: InvoiceLineAmounts[], described: { description: string; sku: string | null }[]): InvoiceLine[] {
  return amounts.map((amount, i) => ({ ...described[i]!, ...amount }))
}

function linesOfOrder(order: Order): InvoiceLine[] {
  // Some providers give no lines or no payable total on some orders (Amazon's Pending orders): nothing to invoice from.
  const { lines, total } = order
  if (lines === null) throw refuse('body.from_order', `order ${order.id}: the provider gave no order lines; send lines instead`)
  if (total === null) throw refuse('body.from_order', `order ${order.id}: the provider gave no order total yet; send lines instead`)
  const shipping = order.shipping_total?.amount ?? '0'
  const discount = order.discount_total?.amount ?? '0'
  const gross = lines.map((line, i) => {
    const rate = line.tax_rate === null ? NaN : Number(line.tax_rate)
    if (!isVatRate(rate)) throw refuse(`order.lines.${i}.tax_rate`, `order line ${line.id} has VAT rate ${line.tax_rate ?? 'none'}; kopru issues 0, 1, 10 or 20 %`)
    if (line.quantity <= 0) throw refuse(`order.lines.${i}.quantity`, `order line ${line.id} has quantity ${line.quantity}`)
    return { quantity: line.quantity, vat_rate: rate, total: line.total.amount }
  })
  const described = lines.map((line) => ({ description: line.title || line.sku || line.id, sku: line.sku }))
  if (Number(shipping) > 0) {
    gross.push({ quantity: 1, vat_rate: SHIPPING_VAT_RATE, total: shipping })
    described.push({ description: 'Kargo bedeli', sku: null })
  }
  try {
    return withAmounts(linesFromGross(gross, { payable: total.amount, discount }), described)
  } catch (error) {
    throw refuse('body.from_order', `order ${order.id}: ${(error as Error).message}`)
  }
}

/** The order's billing (else shipping) address as the buyer; a consumer without a known TCKN is GİB's 11111111111. */
function buyerOfOrder(order: Order): Buyer {
  const address = order.billing_address ?? order.shipping_address
  if (!address) throw refuse('body.buyer', `order ${order.id} has no billing address; send buyer`)
  return {
    name: address.company || address.name,
    tax_id: UNKNOWN_CONSUMER_TCKN,
    tax_office: null,
    email: address.email ?? order.customer.email,
    address,
  }
}

export interface DraftInput {
  request: CreateInvoiceRequest
  order?: Order
  channel?: InvoiceDraft['sales_channel']
  reference: string
  documentType: DocumentType
  now: Date
}

export async function buildDraft({ request, order, channel, reference, documentType, now }: DraftInput): Promise<InvoiceDraft> {
  const currency = request.currency ?? order?.currency ?? 'TRY'
  if (order && currency !== order.currency) throw refuse('body.currency', `the order is in ${order.currency}`)
  if (order?.status === 'cancelled') {
    throw new KopruError('conflict', `order ${order.id} is cancelled; it gets no invoice`, { errors: [{ path: 'body.from_order', message: 'a cancelled order' }] })
  }
  let lines: InvoiceLine[]
  if (order) lines = linesOfOrder(order)
  else {
    const input = request.lines!
    input.forEach((line, i) => {
      if (Number(line.discount ?? 0) > Number(line.unit_price) * line.quantity) throw refuse(`body.lines.${i}.discount`, 'larger than the line')
    })
    lines = withAmounts(
      linesFromNet(input.map((line) => ({ quantity: line.quantity, vat_rate: line.vat_rate as VatRate, unit_price: line.unit_price, discount: line.discount ?? '0' }))),
      input.map((line) => ({ description: line.description, sku: line.sku ?? null })),
    )
  }
  const totals = invoiceTotals(lines.map((line) => ({ ...line, vat_rate: line.vat_rate as VatRate })))
  const money = (amount: string) => ({ amount, currency })
  return {
    document_type: documentType,
    scenario: documentType === 'e_fatura' ? (request.scenario ?? 'basic') : null,
    issue_date: request.issue_date ?? turkishDate(now),
    currency,
    lines,
    subtotal: money(totals.subtotal),
    discount_total: money(totals.discount_total),
    net_total: money(totals.net_total),
    vat_total: totals.vat_total.map((t) => ({ rate: t.rate, taxable: money(t.taxable), amount: money(t.amount) })),
    vat_amount: money(totals.vat_amount),
    total: money(totals.total),
    buyer: request.buyer ?? buyerOfOrder(order!),
    order_ref: request.from_order ?? null,
    reference,
    ettn: await ettnFor(reference),
    number: request.number ?? null,
    note: request.note ?? null,
    sales_channel: channel ?? null,
    order_date: order ? turkishDate(new Date(order.created_at)) : null,
  }
}
