import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createParasutSimulator, parasutDemo, type ParasutSimulator } from '../../providers/parasut/simulator.js'
import type { PackageSpec } from '../../providers/trendyol/fixtures.js'
import { createTrendyolSimulator, trendyolDemoSeller, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { createYurticiSimulator, type YurticiSimulator } from '../../providers/yurtici/simulator.js'
import { toKurus } from '../../src/core/provider-kit/vat.js'
import { PUBLIC_URL, connectThroughFlow } from '../helpers/connect-flow.js'
import { manualClock, testReceiver, type TestReceiver } from '../helpers/events.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

// The simulators' clock starts at the real now: kopru stamps issue dates and `issued_at` with its own clock, and
// Trendyol refuses an invoice dated after its own now. The series year is the Istanbul (UTC+3) year of that date.
const clock = manualClock(Date.now())
const YEAR = new Date(clock.now() + 3 * 3600_000).getUTCFullYear()
const ISSUE_MS = 4_000
const yurticiUser = { userName: 'KPRINV', password: 'pw-inv' }
const PACKAGE_ID = 4_200_000_001

const packageSpec: PackageSpec = {
  id: PACKAGE_ID,
  orderNumber: '10960001',
  orderedAt: clock.now() - 3600_000,
  status: 'Created',
  lines: [
    { productName: 'Türk Kahvesi 250 g', barcode: '8690001', merchantSku: 'TK-1', quantity: 3, amount: 129.9, discount: 12.99, vatRate: 10 },
    { productName: 'Bakır Cezve', barcode: '8691001', merchantSku: 'BC-1', quantity: 1, amount: 389.9, discount: 0, vatRate: 20 },
    { productName: 'Ekmek', barcode: '8692001', merchantSku: 'EK-1', quantity: 2, amount: 15.5, discount: 0, vatRate: 1 },
  ],
  customer: { firstName: 'Elif', lastName: 'Kaya', email: 'elif@trendyolmail.com' },
  address: { city: 'İzmir', district: 'Karşıyaka', neighborhood: 'Bostanlı Mah.', postalCode: '35590', line: 'Cemal Gürsel Cad. No:12', phone: '05321234567' },
  history: [{ status: 'Created', at: clock.now() - 3500_000 }],
}

const address = { name: 'Örnek Ticaret A.Ş.', line1: 'Büyükdere Cad. No:1', district: 'Şişli', city: 'İstanbul', country_code: 'TR' }
const explicit = (buyer: Record<string, unknown>, patch: Record<string, unknown> = {}) => ({
  buyer: { name: 'Örnek Ticaret A.Ş.', address, ...buyer },
  lines: [{ description: 'Danışmanlık', quantity: 2, unit_price: '1000.00', vat_rate: 20 }],
  ...patch,
})

describe('invoices on Paraşüt, end to end over HTTP against the simulators', () => {
  let trendyol: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let yurtici: Awaited<ReturnType<typeof serveSimulator<YurticiSimulator>>>
  let parasut: Awaited<ReturnType<typeof serveSimulator<ParasutSimulator>>>
  let receiver: TestReceiver
  let gw: TestGateway
  let apiKey: string
  const conn = { trendyol: '', yurtici: '', parasut: '' }

  beforeAll(async () => {
    trendyol = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...trendyolDemoSeller, packages: [packageSpec], products: [] }], clock }))
    yurtici = await serveSimulator(createYurticiSimulator({ users: [yurticiUser], clock }))
    parasut = await serveSimulator(
      createParasutSimulator({ clock, redirectUris: [`${PUBLIC_URL}/connect/callback`], issueDelayMs: ISSUE_MS, quota: { limit: 10_000, windowMs: 10_000 } }),
    )
    receiver = await testReceiver()
  })
  afterAll(async () => {
    await Promise.all([trendyol.server.close(), yurtici.server.close(), parasut.server.close(), receiver.close()])
  })

  beforeEach(async () => {
    parasut.control.dropCreateAnswers = 0
    gw = await testGateway({
      publicUrl: PUBLIC_URL,
      quotas: 'off',
      reconcileDelaysMs: [0, 50],
      env: {
        KOPRU_PROVIDER_TRENDYOL_BASE_URL: trendyol.url,
        KOPRU_PROVIDER_YURTICI_BASE_URL: yurtici.url,
        KOPRU_PROVIDER_PARASUT_BASE_URL: parasut.url,
        KOPRU_PROVIDER_PARASUT_CLIENT_ID: parasutDemo.clientId,
        KOPRU_PROVIDER_PARASUT_CLIENT_SECRET: parasutDemo.clientSecret,
      },
      events: { pollIntervals: { invoices: 0, orders: 3_600_000, tracking: 3_600_000 } },
    })
    apiKey = (await gw.tenant()).apiKey
    const connect = async (provider: string, credentials: Record<string, string>) => {
      const response = await gw.call(apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider, credentials }) })
      expect(response.status, await response.clone().text()).toBe(201)
      return ((await response.json()) as { id: string }).id
    }
    conn.trendyol = await connect('trendyol', { seller_id: trendyolDemoSeller.sellerId, api_key: trendyolDemoSeller.apiKey, api_secret: trendyolDemoSeller.apiSecret })
    conn.yurtici = await connect('yurtici', { ws_user_name: yurticiUser.userName, ws_password: yurticiUser.password })
    const flow = await connectThroughFlow(gw, apiKey, { provider: 'parasut' })
    expect(flow.connectionId, flow.location ?? (await flow.done.clone().text())).toMatch(/^conn_/)
    conn.parasut = flow.connectionId!
  })

  const invoice = (key: string, body: unknown, connection = conn.parasut) =>
    gw.call(apiKey, '/v1/invoices', { method: 'POST', connection, body: JSON.stringify(body), headers: { 'idempotency-key': key } })

  it('Trendyol order → Yurtiçi shipment → fulfillment → e-Arşiv invoice → signed invoice.status_changed → invoice link on Trendyol', async () => {
    const endpoint = await gw.call(apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: `${receiver.url}/kopru` }) })
    receiver.useSecret(((await endpoint.json()) as { secret: string }).secret)

    const order = (await (await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}`, { connection: conn.trendyol })).json()) as any
    const shipment = await gw.call(apiKey, '/v1/shipments', {
      method: 'POST',
      connection: conn.yurtici,
      headers: { 'idempotency-key': `ship-${PACKAGE_ID}` },
      body: JSON.stringify({
        shipper: { name: 'Kopru Demo Mağaza', phone: '+902161234567', line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
        recipient: order.shipping_address,
        parcels: [{ weight_kg: 1.5 }],
      }),
    })
    expect(shipment.status, await shipment.clone().text()).toBe(201)
    const { reference } = (await shipment.json()) as { reference: string }
    const fulfilled = await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}/fulfillments`, {
      method: 'POST',
      connection: conn.trendyol,
      body: JSON.stringify({ carrier: 'yurtici', tracking_number: reference }),
    })
    expect(fulfilled.status, await fulfilled.clone().text()).toBe(201)

    const created = await invoice(`inv-${PACKAGE_ID}`, { from_order: { connection_id: conn.trendyol, order_id: String(PACKAGE_ID) } })
    expect(created.status, await created.clone().text()).toBe(201)
    const body = (await created.json()) as any
    expect(body).toMatchObject({ provider: 'parasut', status: 'issuing', document_type: 'e_arsiv', number: null, currency: 'TRY' })
    expect(body.buyer).toMatchObject({ tax_id: '11111111111', name: 'Elif Kaya' })
    expect(body.total.amount).toBe(order.total.amount)
    expect(body.vat_total.map((t: any) => t.rate)).toEqual([20, 10, 1])
    const sum = (values: string[]) => values.reduce((a, b) => a + toKurus(b), 0n)
    expect(sum(body.lines.map((l: any) => l.total))).toBe(toKurus(order.total.amount))
    expect(toKurus(body.net_total.amount) + toKurus(body.vat_amount.amount)).toBe(toKurus(order.total.amount))

    // Nothing changes until GİB's queue is through; then the poller sees the job done and announces it once.
    await gw.app.services.events.poller.runOnce()
    clock.advance(ISSUE_MS)
    await gw.app.services.events.poller.runOnce()
    await gw.app.services.events.delivery.runOnce()
    const delivered = receiver.handled.filter((event) => event.type === 'invoice.status_changed')
    expect(delivered).toHaveLength(1)
    expect(delivered[0]).toMatchObject({ previous: { status: 'issuing' }, data: { id: body.id, status: 'issued' } })
    const issued = (delivered[0]!.data as any)
    expect(issued.number).toMatch(new RegExp(`^KPR${YEAR}\\d{9}$`))
    expect(issued.ettn).toMatch(/^[0-9a-f-]{36}$/)

    const pdf = (await (await gw.call(apiKey, `/v1/invoices/${body.id}/pdf`)).json()) as { url: string }
    expect(pdf.url).toMatch(/\/pdf\/.+\.pdf$/)
    const attached = await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}/invoice`, { method: 'POST', connection: conn.trendyol, body: JSON.stringify({ invoice_id: body.id }) })
    expect(attached.status, await attached.clone().text()).toBe(201)
    expect(trendyol.invoiceLinks()).toEqual([
      { invoiceLink: pdf.url, shipmentPackageId: PACKAGE_ID, invoiceDateTime: expect.any(Number), invoiceNumber: issued.number },
    ])
    // The same package again is Trendyol's refusal; a carrier has no invoice link at all.
    await expectProblem(
      await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}/invoice`, { method: 'POST', connection: conn.trendyol, body: JSON.stringify({ invoice_id: body.id }) }),
      409,
      'conflict',
    )
    await expectProblem(
      await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}/invoice`, { method: 'POST', connection: conn.yurtici, body: JSON.stringify({ invoice_id: body.id }) }),
      501,
      'unsupported_operation',
    )
  })

  it('a registered e-Fatura VKN gets an e-Fatura, an unknown TCKN an e-Arşiv; a bad checksum is a 400 before any call', async () => {
    const lookup = (await (await gw.call(apiKey, '/v1/tax-ids/1234567808', { connection: conn.parasut })).json()) as any
    expect(lookup).toMatchObject({ kind: 'vkn', e_invoice_user: true, aliases: [parasutDemo.inboxes[0]!.alias] })
    const fatura = (await (await invoice('vkn-1', explicit({ tax_id: '1234567808', tax_office: 'Zincirlikuyu' }))).json()) as any
    expect(fatura).toMatchObject({ document_type: 'e_fatura', scenario: 'basic', status: 'issuing', total: { amount: '2400.00' } })
    const arsiv = (await (await invoice('tckn-1', explicit({ name: 'Zeynep Şahin', tax_id: '10000000146' }))).json()) as any
    expect(arsiv).toMatchObject({ document_type: 'e_arsiv', scenario: null })

    const before = parasut.received.length
    const bad = await expectProblem(await invoice('bad-vkn', explicit({ tax_id: '1234567809', tax_office: 'Şişli' })), 400, 'invalid_request')
    expect(bad.errors.map((e: any) => e.path)).toContain('body.buyer.tax_id')
    await expectProblem(await gw.call(apiKey, '/v1/tax-ids/10000000147', { connection: conn.parasut }), 400, 'invalid_request')
    expect(parasut.received.length).toBe(before)
  })

  it('20 concurrent creates with one key, the first answer lost → one invoice at Paraşüt; another body with the key → 422', async () => {
    parasut.control.dropCreateAnswers = 1
    const before = parasut.company.invoices.size
    const body = explicit({ name: 'Zeynep Şahin', tax_id: '10000000146' })
    const answers = await Promise.all(Array.from({ length: 20 }, () => invoice('same-key', body)))
    const statuses = answers.map((a) => a.status)
    expect(statuses.every((s) => s === 201 || s === 409), statuses.join(',')).toBe(true)
    expect(statuses).toContain(201)
    expect(parasut.company.invoices.size).toBe(before + 1)
    const first = (await answers.find((a) => a.status === 201)!.json()) as any
    const retry = await invoice('same-key', body)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotency-replayed')).toBe('true')
    expect(((await retry.json()) as any).id).toBe(first.id)
    await expectProblem(await invoice('same-key', explicit({ name: 'Başka', tax_id: '10000000146' })), 422, 'idempotency_mismatch')
    expect(parasut.company.invoices.size).toBe(before + 1)
    expect(parasut.company.jobs.size).toBeGreaterThan(0)
  })

  it('Paraşüt validation errors become 4xx naming the field with provider.code; a used number is a conflict', async () => {
    const office = await expectProblem(await invoice('no-office', explicit({ tax_id: '1234567816' })), 400, 'invalid_request')
    expect(office.errors[0].path).toBe('body.buyer.tax_office')
    expect(office.provider).toMatchObject({ id: 'parasut', status: 422, code: 'Vergi dairesi boş olamaz' })
    const numbered = explicit({ name: 'Zeynep Şahin', tax_id: '10000000146' }, { number: `KPR${YEAR}000000777` })
    expect((await invoice('number-1', numbered)).status).toBe(201)
    const taken = await expectProblem(await invoice('number-2', { ...numbered, note: 'again' }), 409, 'conflict')
    expect(taken.errors[0].path).toBe('body.number')
  })

  it('bad input is a 4xx and issues nothing: negative quantity, unknown VAT rate, refused currency, another tenant’s order', async () => {
    const before = parasut.company.invoices.size
    const buyer = { name: 'Zeynep Şahin', tax_id: '10000000146' }
    const negative = await expectProblem(await invoice('neg', explicit(buyer, { lines: [{ description: 'x', quantity: -1, unit_price: '1.00', vat_rate: 20 }] })), 400, 'invalid_request')
    expect(negative.errors[0].path).toBe('body.lines.0.quantity')
    const rate = await expectProblem(await invoice('rate', explicit(buyer, { lines: [{ description: 'x', quantity: 1, unit_price: '1.00', vat_rate: 18 }] })), 400, 'invalid_request')
    expect(rate.errors[0].path).toBe('body.lines.0.vat_rate')
    const currency = await expectProblem(await invoice('jpy', explicit(buyer, { currency: 'JPY' })), 400, 'invalid_request')
    expect(currency.errors[0].path).toBe('body.currency')
    const other = await gw.tenant('Other')
    const foreign = await gw.call(other.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: trendyolDemoSeller.sellerId, api_key: trendyolDemoSeller.apiKey, api_secret: trendyolDemoSeller.apiSecret } }),
    })
    const foreignId = ((await foreign.json()) as { id: string }).id
    await expectProblem(await invoice('foreign', { from_order: { connection_id: foreignId, order_id: String(PACKAGE_ID) } }), 404, 'not_found')
    expect(parasut.company.invoices.size).toBe(before)
  })

  it('a job GİB refuses ends `failed` with Paraşüt’s message, announced once', async () => {
    parasut.control.failNextIssuance.push('GİB: alıcı adresi eksik')
    const created = (await (await invoice('fail-1', explicit({ name: 'Zeynep Şahin', tax_id: '10000000146' }))).json()) as any
    clock.advance(ISSUE_MS)
    await gw.app.services.events.poller.runOnce()
    const failed = (await (await gw.call(apiKey, `/v1/invoices/${created.id}`)).json()) as any
    expect(failed).toMatchObject({ status: 'failed', number: null, errors: [{ code: 'parasut_job_error', message: 'GİB: alıcı adresi eksik' }] })
    const events = ((await (await gw.call(apiKey, '/v1/events?type=invoice.status_changed')).json()) as any).data
    expect(events.map((e: any) => [e.previous.status, e.data.status])).toEqual([['issuing', 'failed']])
  })

  it('an expired access token is refreshed once and the read goes through; cancel ends the invoice', async () => {
    const created = (await (await invoice('tok-1', explicit({ name: 'Zeynep Şahin', tax_id: '10000000146' }))).json()) as any
    parasut.oauth.expireAccessTokens()
    const refreshes = parasut.oauth.stats.refresh
    const read = await gw.call(apiKey, `/v1/invoices/${created.id}`)
    expect(read.status, await read.clone().text()).toBe(200)
    expect(parasut.oauth.stats.refresh).toBe(refreshes + 1)
    const cancelled = (await (await gw.call(apiKey, `/v1/invoices/${created.id}/cancel`, { method: 'POST' })).json()) as any
    expect(cancelled.status).toBe('cancelled')
    const list = (await (await gw.call(apiKey, '/v1/invoices?limit=1')).json()) as any
    expect(list.data).toHaveLength(1)
    expect(list.next_cursor).toBeNull()
  })
})
