/** The files of a new REST provider (scripts/new-provider.ts): a definition, wire schemas, a mapping table, a simulator. */
export interface Names {
  id: string
  /** camelCase identifier (`acme-shop` -> `acmeShop`). */
  ident: string
  /** Display name (`acme-shop` -> `Acme Shop`). */
  name: string
  /** ENV form of the id (`ACME_SHOP`). */
  env: string
  /** Import path of the provider kit from the provider's folder. */
  kit: string
  /** Import path of the unified models from the provider's folder. */
  models: string
}

export const indexTs = (n: Names) => `/**
 * ${n.name}: a REST marketplace behind an API key (Authorization: Bearer). Scaffolded by \`npm run new:provider\`;
 * replace the base URLs, the paths in wire.ts and the status table in mapping.ts with the provider's documented ones.
 */
import { defineProvider, type OperationContext, type Page, type ListOrdersInput, parsePageState } from '${n.kit}'
import type { Order } from '${n.models}'
import { z } from 'zod'
import { toUnifiedOrder } from './mapping.js'
import { credentialsSchema, readOrder, readOrderPage, type Credentials } from './wire.js'

type Ctx = OperationContext<Credentials>
const PageState = z.object({ offset: z.number().int().min(0) })

async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  const offset = parsePageState(PageState, input.page)?.offset ?? 0
  const response = await ctx.request({ path: '/v1/orders', query: { offset, limit: input.limit }, quotaGroup: 'orders' })
  const page = readOrderPage(ctx, response)
  const next = offset + page.orders.length
  return { data: page.orders.map((order) => toUnifiedOrder(order, ctx.connection.id, ctx.log)), next: next < page.total ? { offset: next } : null }
}

async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  const response = await ctx.request({ path: \`/v1/orders/\${encodeURIComponent(id)}\`, quotaGroup: 'orders' })
  return toUnifiedOrder(readOrder(ctx, response), ctx.connection.id, ctx.log)
}

export const ${n.ident} = defineProvider<Credentials>({
  id: '${n.id}',
  name: '${n.name}',
  kind: 'marketplace',
  auth: {
    type: 'api_key',
    fields: [{ name: 'api_key', label: 'API key', secret: true }],
    schema: credentialsSchema,
    apply({ headers }, credentials) {
      headers.set('authorization', \`Bearer \${credentials.api_key}\`)
    },
  },
  baseUrls: { production: 'https://api.${n.id}.example', sandbox: 'https://sandbox.api.${n.id}.example' },
  quotas: [{ group: 'orders', limit: 10, intervalMs: 1000, scope: 'credential' }],
  operations: { 'orders.list': listOrders, 'orders.get': getOrder },
  async verifyCredentials(ctx) {
    await ctx.request({ path: '/v1/orders', query: { offset: 0, limit: 1 }, quotaGroup: 'orders' })
  },
  parseError({ data }) {
    const body = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) }).safeParse(data)
    return body.success ? { code: body.data.error.code, message: body.data.error.message } : {}
  },
  simulator: async () => (await import('./simulator.js')).create${n.ident[0]!.toUpperCase()}${n.ident.slice(1)}Simulator(),
})
`

export const wireTs = (n: Names) => `/** ${n.name}'s wire shapes: answers are read through these, never assumed (a mismatch is provider_error naming the field). */
import { readWire, type OperationContext, type UpstreamResponse } from '${n.kit}'
import { z } from 'zod'

export const credentialsSchema = z.object({ api_key: z.string().trim().min(1).max(200) })
export type Credentials = z.infer<typeof credentialsSchema>

export const WireOrder = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  number: z.string(),
  status: z.string(),
  currency: z.string().length(3),
  total: z.string().regex(/^-?\\d+(\\.\\d+)?$/),
  created_at: z.string(),
  updated_at: z.string(),
})
export type WireOrder = z.infer<typeof WireOrder>

const WireOrderPage = z.object({ orders: z.array(WireOrder), total: z.number().int().min(0) })

type Ctx = OperationContext<Credentials>
const source = (ctx: Ctx, response: UpstreamResponse, what: string) => ({ provider: ctx.provider, what, status: response.status })
export const readOrderPage = (ctx: Ctx, response: UpstreamResponse) => readWire(WireOrderPage, response.data, source(ctx, response, 'GET /v1/orders'))
export const readOrder = (ctx: Ctx, response: UpstreamResponse) => readWire(WireOrder, response.data, source(ctx, response, 'GET /v1/orders/{id}'))
`

export const mappingTs = (n: Names) => `/** ${n.name} -> unified: pure functions over parsed wire data; statuses are a table, every row tested. */
import { lookupTable, money, unknownOrderStatuses, type Logger, type UnifiedOrderStatuses } from '${n.kit}'
import type { Order } from '${n.models}'
import type { WireOrder } from './wire.js'

export const ${n.ident}StatusTable: Record<string, UnifiedOrderStatuses> = {
  new: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
  shipped: { status: 'open', fulfillment: 'shipped', payment: 'paid' },
  delivered: { status: 'completed', fulfillment: 'delivered', payment: 'paid' },
  cancelled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
}
const statusOf = lookupTable('${n.id}.order_status', ${n.ident}StatusTable, unknownOrderStatuses)

export function toUnifiedOrder(order: WireOrder, connectionId: string, log?: Logger): Order {
  const statuses = statusOf(order.status, log)
  const zero = money(0, order.currency)
  return {
    id: order.id,
    provider: '${n.id}',
    connection_id: connectionId,
    order_number: order.number,
    status: statuses.status,
    fulfillment_status: statuses.fulfillment,
    payment_status: statuses.payment,
    provider_status: order.status,
    created_at: new Date(order.created_at).toISOString(),
    updated_at: new Date(order.updated_at).toISOString(),
    currency: order.currency,
    subtotal: money(order.total, order.currency),
    shipping_total: zero,
    discount_total: zero,
    tax_total: zero,
    total: money(order.total, order.currency),
    customer: { name: null, email: null, phone: null },
    shipping_address: null,
    billing_address: null,
    lines: [],
    shipments: [],
  }
}
`

export const simulatorTs = (n: Names) => `/**
 * A fake of ${n.name}'s API for the demo and the tests. Sources: none yet — cite the provider's documentation here
 * (URL, version, date) as soon as the paths and shapes follow it.
 */
import { Hono } from 'hono'

export const ${n.ident}Demo = { apiKey: 'demo-${n.id}-key' }

export function create${n.ident[0]!.toUpperCase()}${n.ident.slice(1)}Simulator({ orders = sampleOrders() }: { orders?: Record<string, unknown>[] } = {}) {
  const app = new Hono()
  app.use('*', async (c, next) => {
    if (c.req.header('authorization') !== \`Bearer \${${n.ident}Demo.apiKey}\`) return c.json({ error: { code: 'unauthorized', message: 'invalid API key' } }, 401)
    await next()
  })
  app.get('/v1/orders', (c) => {
    const offset = Number(c.req.query('offset') ?? 0)
    const limit = Number(c.req.query('limit') ?? 50)
    return c.json({ orders: orders.slice(offset, offset + limit), total: orders.length })
  })
  app.get('/v1/orders/:id', (c) => {
    const order = orders.find((o) => String(o.id) === c.req.param('id'))
    return order ? c.json(order) : c.json({ error: { code: 'not_found', message: 'no such order' } }, 404)
  })
  return { app, demo: { credentials: { api_key: ${n.ident}Demo.apiKey } } }
}

function sampleOrders(): Record<string, unknown>[] {
  return [
    { id: 1002, number: 'A-1002', status: 'shipped', currency: 'TRY', total: '249.90', created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-21T10:00:00Z' },
    { id: 1001, number: 'A-1001', status: 'new', currency: 'TRY', total: '129.90', created_at: '2026-11-19T08:00:00Z', updated_at: '2026-11-19T08:00:00Z' },
  ]
}
`

export const mappingTestTs = (n: Names) => `import { describe, expect, it } from 'vitest'
import { ${n.ident}StatusTable, toUnifiedOrder } from '../../providers/${n.id}/mapping.js'

describe('${n.name} mapping', () => {
  it.each(Object.entries(${n.ident}StatusTable))('status %s', (status, expected) => {
    const order = toUnifiedOrder({ id: '1', number: 'A-1', status, currency: 'TRY', total: '1.00', created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T09:00:00Z' }, 'conn_x')
    expect({ status: order.status, fulfillment: order.fulfillment_status, payment: order.payment_status }).toEqual(expected)
  })
})
`
