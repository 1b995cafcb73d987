/**
 * The webhook part of the Trendyol simulator. Sources: Trendyol developer docs "Webhook" pages (create, list,
 * update, delete, activate, deactivate; delivery model; 15 webhooks per seller; URLs containing "Trendyol",
 * "Dolap" or "localhost" refused; empty `subscribedStatuses` = every status; statuses in UPPER_SNAKE), as digested
 * in docs/research/trendyol.md §6. The validation error keys are the simulator's own (Trendyol documents none).
 */
import type { Context, Hono } from 'hono'
import type { SimulatorClock } from '../../src/core/provider-kit/simulator.js'
import type { TrendyolPackage } from './types.js'

export interface SimulatedWebhook {
  id: string
  url: string
  authenticationType: 'BASIC_AUTHENTICATION' | 'API_KEY'
  username: string | null
  password: string | null
  apiKey: string | null
  subscribedStatuses: string[] | null
  status: 'ACTIVE' | 'PASSIVE'
  createdDate: number
  lastModifiedDate: number | null
}

const MAX_WEBHOOKS_PER_SELLER = 15
const TURKEY_OFFSET_MS = 3 * 3600_000

/** `AtCollectionPoint` -> `AT_COLLECTION_POINT`: the webhook vocabulary of package statuses. */
export const webhookStatusName = (status: string) => status.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()

type ErrorFn = (c: Context, status: 400 | 404, key: string, message: string) => Response

export function mountTrendyolWebhooks<E extends { Variables: { seller: { sellerId: string; packages: TrendyolPackage[] } } }>(
  app: Hono<E>,
  { clock, error }: { clock: SimulatorClock; error: ErrorFn },
) {
  const bySeller = new Map<string, SimulatedWebhook[]>()
  const listOf = (sellerId: string) => {
    let list = bySeller.get(sellerId)
    if (!list) bySeller.set(sellerId, (list = []))
    return list
  }

  function validate(c: Context, body: Record<string, unknown>): Response | Omit<SimulatedWebhook, 'id' | 'status' | 'createdDate' | 'lastModifiedDate'> {
    const url = typeof body.url === 'string' ? body.url : ''
    if (!/^https?:\/\/\S+$/.test(url)) return error(c, 400, 'webhook.url.invalid', 'url must be an http(s) URL')
    if (/trendyol|dolap|localhost/i.test(url)) {
      return error(c, 400, 'webhook.url.forbidden.word', 'url must not contain Trendyol, Dolap or localhost')
    }
    const type = body.authenticationType
    if (type === 'API_KEY') {
      if (typeof body.apiKey !== 'string' || !body.apiKey) return error(c, 400, 'webhook.apikey.required', 'apiKey is required for API_KEY')
    } else if (type === 'BASIC_AUTHENTICATION') {
      if (typeof body.username !== 'string' || !body.username || typeof body.password !== 'string' || !body.password) {
        return error(c, 400, 'webhook.basic.credentials.required', 'username and password are required for BASIC_AUTHENTICATION')
      }
    } else {
      return error(c, 400, 'webhook.authentication.type.invalid', 'authenticationType must be BASIC_AUTHENTICATION or API_KEY')
    }
    const statuses = Array.isArray(body.subscribedStatuses) ? body.subscribedStatuses.map(String) : null
    return {
      url,
      authenticationType: type,
      username: typeof body.username === 'string' ? body.username : null,
      password: typeof body.password === 'string' ? body.password : null,
      apiKey: typeof body.apiKey === 'string' ? body.apiKey : null,
      subscribedStatuses: statuses,
    }
  }

  const base = '/integration/webhook/sellers/:sellerId/webhooks'
  const find = (c: Context<E>) => listOf(c.get('seller').sellerId).find((hook) => hook.id === c.req.param('id'))
  const view = ({ password: _p, apiKey: _k, ...hook }: SimulatedWebhook) => hook

  app.post(base, async (c) => {
    const list = listOf(c.get('seller').sellerId)
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const valid = validate(c, body)
    if (valid instanceof Response) return valid
    if (list.length >= MAX_WEBHOOKS_PER_SELLER) {
      return error(c, 400, 'webhook.limit.exceeded', 'a seller can have at most 15 webhooks')
    }
    const hook: SimulatedWebhook = { ...valid, id: crypto.randomUUID(), status: 'ACTIVE', createdDate: clock.now() + TURKEY_OFFSET_MS, lastModifiedDate: null }
    list.push(hook)
    return c.json({ id: hook.id })
  })
  app.get(base, (c) => c.json(listOf(c.get('seller').sellerId).map(view)))
  app.put(`${base}/:id`, async (c) => {
    const hook = find(c)
    if (!hook) return error(c, 404, 'webhook.not.found', 'webhook not found')
    const valid = validate(c, (await c.req.json().catch(() => ({}))) as Record<string, unknown>)
    if (valid instanceof Response) return valid
    Object.assign(hook, valid, { lastModifiedDate: clock.now() + TURKEY_OFFSET_MS })
    return c.body(null, 200)
  })
  app.delete(`${base}/:id`, (c) => {
    const list = listOf(c.get('seller').sellerId)
    const index = list.findIndex((hook) => hook.id === c.req.param('id'))
    if (index < 0) return error(c, 404, 'webhook.not.found', 'webhook not found')
    list.splice(index, 1)
    return c.body(null, 200)
  })
  for (const [action, status] of [['activate', 'ACTIVE'], ['deactivate', 'PASSIVE']] as const) {
    app.put(`${base}/:id/${action}`, (c) => {
      const hook = find(c)
      if (!hook) return error(c, 404, 'webhook.not.found', 'webhook not found')
      hook.status = status
      hook.lastModifiedDate = clock.now() + TURKEY_OFFSET_MS
      return c.body(null, 200)
    })
  }

  return {
    webhooks: (sellerId: string) => listOf(sellerId),
    /**
     * Pushes a package to every active webhook of the seller subscribed to its status, the way Trendyol does:
     * POST of the bare ShipmentPackage JSON with the registered Basic credentials or `x-api-key`.
     */
    async deliver(sellerId: string, pkg: TrendyolPackage): Promise<{ webhookId: string; status: number }[]> {
      const status = webhookStatusName(pkg.shipmentPackageStatus ?? pkg.status ?? '')
      const targets = listOf(sellerId).filter(
        (hook) => hook.status === 'ACTIVE' && (!hook.subscribedStatuses?.length || hook.subscribedStatuses.includes(status)),
      )
      const results = []
      for (const hook of targets) {
        const headers = new Headers({ 'content-type': 'application/json' })
        if (hook.authenticationType === 'API_KEY') headers.set('x-api-key', hook.apiKey!)
        else headers.set('authorization', `Basic ${btoa(`${hook.username}:${hook.password}`)}`)
        const response = await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(pkg) })
        await response.arrayBuffer()
        results.push({ webhookId: hook.id, status: response.status })
      }
      return results
    },
  }
}
