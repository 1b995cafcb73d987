import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createIzibizSimulator, izibizDemo, type IzibizSimulator } from '../../providers/izibiz/simulator.js'
import type { PackageSpec } from '../../providers/trendyol/fixtures.js'
import { createTrendyolSimulator, trendyolDemoSeller, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { createYurticiSimulator, type YurticiSimulator } from '../../providers/yurtici/simulator.js'
import { manualClock, testReceiver, type TestReceiver } from '../helpers/events.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

// The simulators' clock starts at the real now: kopru stamps issue dates and `issued_at` with its own clock, and
// Trendyol refuses an invoice dated after its own now. The series year is the Istanbul (UTC+3) year of that date.
const clock = manualClock(Date.now())
const YEAR = new Date(clock.now() + 3 * 3600_000).getUTCFullYear()
const ISSUE_MS = 4_000
const yurticiUser = { userName: 'KPRIZI', password: 'pw-izi' }
const PACKAGE_ID = 4_300_000_001
const schema = fileURLToPath(new URL('../fixtures/specs/ubl-2.1/xsd/maindoc/UBL-Invoice-2.1.xsd', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'kopru-izibiz-'))

const packageSpec: PackageSpec = {
  id: PACKAGE_ID,
  orderNumber: '10970001',
  orderedAt: clock.now() - 3600_000,
  status: 'Created',
  lines: [
    { productName: 'Porselen Çay Bardağı 6’lı', barcode: '8693001', merchantSku: 'PB-1', quantity: 2, amount: 219, discount: 21.9, vatRate: 20 },
    { productName: 'Kitap', barcode: '8694001', merchantSku: 'KT-1', quantity: 1, amount: 85.5, discount: 0, vatRate: 0 },
  ],
  customer: { firstName: 'Mehmet', lastName: 'Demir', email: 'mehmet@trendyolmail.com' },
  address: { city: 'Ankara', district: 'Çankaya', neighborhood: 'Kızılay Mah.', postalCode: '06420', line: 'Atatürk Blv. No:5', phone: '05331234567' },
  history: [{ status: 'Created', at: clock.now() - 3500_000 }],
}

const address = { name: 'Örnek Ticaret A.Ş.', line1: 'Büyükdere Cad. No:1', district: 'Şişli', city: 'İstanbul', country_code: 'TR' }
const explicit = (buyer: Record<string, unknown>) => ({
  buyer: { name: 'Örnek Ticaret A.Ş.', address, ...buyer },
  lines: [{ description: 'Danışmanlık', quantity: 1, unit_price: '500.00', vat_rate: 20 }],
})

function xsdErrors(xml: string, name: string): string {
  const file = join(dir, `${name}.xml`)
  writeFileSync(file, xml)
  try {
    execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' })
    return ''
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error)
  }
}

describe('invoices on İzibiz (SOAP, kopru-built UBL-TR), end to end over HTTP against the simulators', () => {
  let trendyol: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let yurtici: Awaited<ReturnType<typeof serveSimulator<YurticiSimulator>>>
  let izibiz: Awaited<ReturnType<typeof serveSimulator<IzibizSimulator>>>
  let receiver: TestReceiver
  let gw: TestGateway
  let apiKey: string
  const conn = { trendyol: '', yurtici: '', izibiz: '' }

  beforeAll(async () => {
    trendyol = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...trendyolDemoSeller, packages: [packageSpec], products: [] }], clock }))
    yurtici = await serveSimulator(createYurticiSimulator({ users: [yurticiUser], clock }))
    izibiz = await serveSimulator(createIzibizSimulator({ clock, issueDelayMs: ISSUE_MS }))
    receiver = await testReceiver()
  })
  afterAll(async () => {
    await Promise.all([trendyol.server.close(), yurtici.server.close(), izibiz.server.close(), receiver.close()])
  })

  beforeEach(async () => {
    izibiz.control.dropNextAnswers = 0
    gw = await testGateway({
      quotas: 'off',
      reconcileDelaysMs: [0, 50],
      env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: trendyol.url, KOPRU_PROVIDER_YURTICI_BASE_URL: yurtici.url, KOPRU_PROVIDER_IZIBIZ_BASE_URL: izibiz.url },
      events: { pollIntervals: { invoices: 0, orders: 3_600_000, tracking: 3_600_000 } },
    })
    apiKey = (await gw.tenant()).apiKey
    const connect = async (provider: string, credentials: Record<string, string>, settings?: Record<string, unknown>) => {
      const response = await gw.call(apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider, credentials, settings }) })
      expect(response.status, await response.clone().text()).toBe(201)
      return ((await response.json()) as { id: string }).id
    }
    conn.trendyol = await connect('trendyol', { seller_id: trendyolDemoSeller.sellerId, api_key: trendyolDemoSeller.apiKey, api_secret: trendyolDemoSeller.apiSecret })
    conn.yurtici = await connect('yurtici', { ws_user_name: yurticiUser.userName, ws_password: yurticiUser.password })
    conn.izibiz = await connect('izibiz', { username: izibizDemo.username, password: izibizDemo.password }, { supplier: izibizDemo.supplier, series: 'KPR' })
  })

  const invoice = (key: string, body: unknown) =>
    gw.call(apiKey, '/v1/invoices', { method: 'POST', connection: conn.izibiz, body: JSON.stringify(body), headers: { 'idempotency-key': key } })

  it('a connection with a password İzibiz refuses at Login is the tenant’s 400 on credentials, nothing stored', async () => {
    const refused = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'izibiz', credentials: { username: izibizDemo.username, password: 'wrong' }, settings: { supplier: izibizDemo.supplier, series: 'KPR' } }),
    })
    const problem = await expectProblem(refused, 400, 'invalid_request')
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'credentials' })])
    const listed = (await (await gw.call(apiKey, '/v1/connections')).json()) as { data: { provider: string }[] }
    expect(listed.data.filter((connection) => connection.provider === 'izibiz')).toHaveLength(1)
  })

  it('Trendyol order → Yurtiçi shipment → fulfillment → e-Arşiv UBL-TR at İzibiz → signed invoice.status_changed → the PDF uploaded to Trendyol', async () => {
    const endpoint = await gw.call(apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: `${receiver.url}/kopru` }) })
    receiver.useSecret(((await endpoint.json()) as { secret: string }).secret)
    receiver.handled.length = 0
    const order = (await (await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}`, { connection: conn.trendyol })).json()) as any
    const shipment = await gw.call(apiKey, '/v1/shipments', {
      method: 'POST',
      connection: conn.yurtici,
      headers: { 'idempotency-key': `ship-${PACKAGE_ID}` },
      body: JSON.stringify({
        shipper: { name: 'Kopru Demo Mağaza', phone: '+902161234567', line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
        recipient: order.shipping_address,
        parcels: [{ weight_kg: 2 }],
      }),
    })
    expect(shipment.status, await shipment.clone().text()).toBe(201)
    const { reference } = (await shipment.json()) as { reference: string }
    const fulfilled = await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}/fulfillments`, { method: 'POST', connection: conn.trendyol, body: JSON.stringify({ carrier: 'yurtici', tracking_number: reference }) })
    expect(fulfilled.status, await fulfilled.clone().text()).toBe(201)

    const created = await invoice(`inv-${PACKAGE_ID}`, { from_order: { connection_id: conn.trendyol, order_id: String(PACKAGE_ID) } })
    expect(created.status, await created.clone().text()).toBe(201)
    const body = (await created.json()) as any
    expect(body).toMatchObject({ provider: 'izibiz', status: 'issuing', document_type: 'e_arsiv', total: { amount: order.total.amount } })
    // The document İzibiz received is the one kopru built: valid UBL 2.1, with kopru's ETTN and totals.
    const sent = izibiz.documents.get(body.ettn)!
    expect(sent).toBeDefined()
    expect(xsdErrors(sent.xml, 'e2e-earsiv')).toBe('')
    expect(sent.xml).toContain('<cbc:ProfileID>EARSIVFATURA</cbc:ProfileID>')
    expect(sent.xml).toContain(`<cbc:PayableAmount currencyID="TRY">${order.total.amount}</cbc:PayableAmount>`)

    clock.advance(ISSUE_MS)
    await gw.app.services.events.poller.runOnce()
    await gw.app.services.events.delivery.runOnce()
    const delivered = receiver.handled.filter((event) => event.type === 'invoice.status_changed')
    expect(delivered).toHaveLength(1)
    expect(delivered[0]).toMatchObject({ previous: { status: 'issuing' }, data: { id: body.id, status: 'issued', number: `KPR${YEAR}000000001` } })

    const pdf = (await (await gw.call(apiKey, `/v1/invoices/${body.id}/pdf`)).json()) as { url: string }
    expect(atob(pdf.url.replace('data:application/pdf;base64,', '')).slice(0, 5)).toBe('%PDF-')
    // İzibiz hands the PDF itself and no link: {invoice_id} uploads the file to Trendyol (seller-invoice-file).
    const attached = await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}/invoice`, { method: 'POST', connection: conn.trendyol, body: JSON.stringify({ invoice_id: body.id }) })
    expect(attached.status, await attached.clone().text()).toBe(201)
    expect(await attached.json()).toMatchObject({ order_id: String(PACKAGE_ID), invoice_number: `KPR${YEAR}000000001`, url: null, sent: 'file' })
    expect(trendyol.invoiceLinks()).toHaveLength(0)
    const uploaded = trendyol.invoiceFiles().at(-1)!
    expect(uploaded).toMatchObject({ shipmentPackageId: PACKAGE_ID, contentType: 'application/pdf', filename: `KPR${YEAR}000000001.pdf`, invoiceNumber: `KPR${YEAR}000000001` })
    expect(new TextDecoder().decode(uploaded.bytes.slice(0, 5))).toBe('%PDF-')
    // One invoice per package: a second one, file or link, is Trendyol's refusal and kopru's 409.
    await expectProblem(
      await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}/invoice`, { method: 'POST', connection: conn.trendyol, body: JSON.stringify({ invoice_id: body.id }) }),
      409,
      'conflict',
    )
    const link = { url: `https://fatura.kopru-demo.com.tr/${body.ettn}.pdf`, number: `KPR${YEAR}000000001`, issued_at: new Date(clock.now()).toISOString() }
    await expectProblem(await gw.call(apiKey, `/v1/orders/${PACKAGE_ID}/invoice`, { method: 'POST', connection: conn.trendyol, body: JSON.stringify(link) }), 409, 'conflict')
  })

  it('a registered VKN gets a TEMELFATURA through SendInvoice; validation faults name the field with provider.code', async () => {
    const fatura = (await (await invoice('izi-vkn', explicit({ tax_id: '1234567808', tax_office: 'Zincirlikuyu' }))).json()) as any
    expect(fatura).toMatchObject({ document_type: 'e_fatura', scenario: 'basic', status: 'issuing' })
    expect(xsdErrors(izibiz.documents.get(fatura.ettn)!.xml, 'efatura')).toBe('')
    // Its number comes back as the ID attribute of GetInvoiceStatus's INVOICE_STATUS (efatura/_getinvoicestatus.md).
    clock.advance(ISSUE_MS)
    const read = (await (await gw.call(apiKey, `/v1/invoices/${fatura.id}`)).json()) as any
    expect(read).toMatchObject({ status: 'issued', number: izibiz.documents.get(fatura.ettn)!.number })
    expect(read.number).toMatch(/^KPR\d{13}$/)
    const office = await expectProblem(await invoice('izi-office', explicit({ tax_id: '1234567824' })), 400, 'invalid_request')
    expect(office.errors[0].path).toBe('body.buyer.tax_office')
    expect(office.provider).toMatchObject({ id: 'izibiz', code: '20004' })
  })

  it('a lost answer is reconciled by ETTN: 20 concurrent creates with one key make one document; an expired session logs in again', async () => {
    izibiz.control.dropNextAnswers = 1
    const before = izibiz.documents.size
    const body = explicit({ name: 'Zeynep Şahin', tax_id: '10000000146' })
    const answers = await Promise.all(Array.from({ length: 20 }, () => invoice('izi-same', body)))
    const statuses = answers.map((a) => a.status)
    expect(statuses.every((s) => s === 201 || s === 409), statuses.join(',')).toBe(true)
    expect(izibiz.documents.size).toBe(before + 1)
    const retry = await invoice('izi-same', body)
    expect(retry.status).toBe(201)
    const first = (await retry.json()) as any
    izibiz.control.expireSessions()
    const logins = izibiz.stats.logins
    const read = await gw.call(apiKey, `/v1/invoices/${first.id}`)
    expect(read.status, await read.clone().text()).toBe(200)
    expect(izibiz.stats.logins).toBe(logins + 1)
  })
})
