/**
 * The Amazon simulator's Orders API 2026-01-01 against the model (orders_2026-01-01.json): answers valid per
 * its response schemas, its parameter rules as 400 InvalidInput ErrorLists, includedData leaving datasets out,
 * 24-hour paging tokens bound to their search, and the usage plans as token buckets (429 QuotaExceeded).
 */
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { createAmazonSimulator } from '../../providers/amazon/simulator.js'
import { loadDocument } from '../helpers/spec-sample.js'

const model = loadDocument('amazon/orders_2026-01-01.json')
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
ajv.addSchema(model, 'spec')
const validSearch = ajv.compile({ $ref: 'spec#/definitions/SearchOrdersResponse' })
const validOrder = ajv.compile({ $ref: 'spec#/definitions/GetOrderResponse' })
const validErrors = ajv.compile({ $ref: 'spec#/definitions/ErrorList' })
const ALL = 'BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,PACKAGES'

function simulator() {
  let now = Date.UTC(2026, 11, 2, 12)
  const sim = createAmazonSimulator({ clock: { now: () => now }, pageSize: 3 })
  // A fresh LWA access token per call: they live one hour of the simulator's clock.
  const get = (path: string) => sim.app.request(path, { headers: { 'x-amz-access-token': sim.demoOAuth.grant().tokens.access_token } })
  const after = new Date(now - 30 * 24 * 3600_000).toISOString()
  return { sim, get, after, advance: (ms: number) => void (now += ms) }
}

const invalidInput = async (response: Response) => {
  expect(response.status).toBe(400)
  const body = (await response.json()) as { errors: { code: string; message: string }[] }
  expect(validErrors(body), ajv.errorsText(validErrors.errors)).toBe(true)
  expect(body.errors[0]!.code).toBe('InvalidInput')
  return body.errors[0]!.message
}

describe('Amazon simulator, Orders API 2026-01-01', () => {
  it('answers searchOrders and getOrder with bodies valid per the model, datasets only when asked for', async () => {
    const { sim, get, after } = simulator()
    const full = (await (await get(`/orders/2026-01-01/orders?createdAfter=${after}&includedData=${ALL}`)).json()) as Record<string, any>
    expect(validSearch(full), ajv.errorsText(validSearch.errors)).toBe(true)
    expect(full.orders[0]).toHaveProperty('buyer')
    expect(full.orders[0].orderItems[0]).toHaveProperty('proceeds')
    const bare = (await (await get(`/orders/2026-01-01/orders?createdAfter=${after}`)).json()) as Record<string, any>
    expect(validSearch(bare), ajv.errorsText(validSearch.errors)).toBe(true)
    for (const key of ['buyer', 'recipient', 'proceeds', 'fulfillment', 'packages']) expect(bare.orders[0]).not.toHaveProperty(key)
    expect(bare.orders[0].orderItems[0]).not.toHaveProperty('proceeds')
    const shipped = sim.orders.find((o) => o.packages?.length)!
    const one = (await (await get(`/orders/2026-01-01/orders/${shipped.orderId}?includedData=${ALL}`)).json()) as Record<string, any>
    expect(validOrder(one), ajv.errorsText(validOrder.errors)).toBe(true)
    expect(one.order.packages[0]).toMatchObject({ carrier: 'UPS', packageStatus: { status: 'SHIPPED' } })
    expect((await get('/orders/2026-01-01/orders/999-0000000-0000000')).status).toBe(404)
  })

  it("refuses what the model's parameter notes forbid with 400 InvalidInput", async () => {
    const { get, after } = simulator()
    const search = (query: string) => get(`/orders/2026-01-01/orders?${query}`)
    expect(await invalidInput(await search('marketplaceIds=ATVPDKIKX0DER'))).toMatch(/Exactly one of createdAfter and lastUpdatedAfter/)
    expect(await invalidInput(await search(`createdAfter=${after}&lastUpdatedAfter=${after}`))).toMatch(/Exactly one/)
    expect(await invalidInput(await search(`lastUpdatedAfter=${after}&createdBefore=${after}`))).toMatch(/createdBefore cannot/)
    expect(await invalidInput(await search(`createdAfter=${after}&createdBefore=${new Date(Date.UTC(2026, 11, 2, 12)).toISOString()}`))).toMatch(/two minutes/)
    expect(await invalidInput(await search(`createdAfter=${after}&maxResultsPerPage=101`))).toMatch(/between 1 and 100/)
    expect(await invalidInput(await search(`createdAfter=${after}&includedData=ITEMS`))).toMatch(/includedData/)
    expect(await invalidInput(await search(`createdAfter=${after}&fulfillmentStatuses=Canceled`))).toMatch(/fulfillmentStatuses/)
    expect(await invalidInput(await search('createdAfter=yesterday'))).toMatch(/ISO 8601/)
  })

  it('pages with nextToken → paginationToken; a token belongs to its search and expires after 24 hours', async () => {
    const { get, after, advance } = simulator()
    const first = (await (await get(`/orders/2026-01-01/orders?createdAfter=${after}`)).json()) as Record<string, any>
    const token = encodeURIComponent(first.pagination.nextToken)
    const second = (await (await get(`/orders/2026-01-01/orders?createdAfter=${after}&paginationToken=${token}`)).json()) as Record<string, any>
    expect(second.orders.map((o: { orderId: string }) => o.orderId)).not.toContain(first.orders[0].orderId)
    expect(await invalidInput(await get(`/orders/2026-01-01/orders?lastUpdatedAfter=${after}&paginationToken=${token}`))).toMatch(/does not belong/)
    expect(await invalidInput(await get(`/orders/2026-01-01/orders?createdAfter=${after}&paginationToken=garbage`))).toMatch(/Invalid paginationToken/)
    advance(24 * 3600_000 + 1)
    expect(await invalidInput(await get(`/orders/2026-01-01/orders?createdAfter=${after}&paginationToken=${token}`))).toMatch(/expired/)
  })

  it('enforces searchOrders’ usage plan: burst 20, then one call per 1/0.0056 s, 429 QuotaExceeded with x-amzn-RateLimit-Limit', async () => {
    const { sim, get, after, advance } = simulator()
    const search = () => get(`/orders/2026-01-01/orders?createdAfter=${after}`)
    for (let i = 0; i < 20; i++) expect((await search()).status).toBe(200)
    const throttled = await search()
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0056')
    expect(await throttled.json()).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] })
    advance(Math.ceil(1000 / 0.0056))
    const refilled = await search()
    expect(refilled.status).toBe(200)
    expect(refilled.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0056')
    expect((await search()).status).toBe(429)
    expect(sim.quotas.searchOrders.stats).toEqual({ allowed: 21, throttled: 2 })
  })
})
