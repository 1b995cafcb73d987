/**
 * `kopru/client`: a typed client of the kopru API (openapi-fetch over the generated `paths`).
 *
 *   const kopru = createKopruClient({ baseUrl: 'https://shop.example/integrations', apiKey })
 *   const { data, error } = await kopru.GET('/v1/orders', { params: { header: { 'kopru-connection-id': id } } })
 */
import createClient, { type ClientOptions } from 'openapi-fetch'
import type { components, operations, paths } from './openapi.js'

export type { components, operations, paths }
export type KopruSchemas = components['schemas']

export interface KopruClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Where kopru is served or mounted, e.g. `https://shop.example/integrations`. */
  baseUrl: string
  /** A tenant API key (`kpr_live_...`) or, for `/admin/*`, the admin key. */
  apiKey: string
}

export function createKopruClient({ baseUrl, apiKey, ...options }: KopruClientOptions) {
  const client = createClient<paths>({ ...options, baseUrl: baseUrl.replace(/\/+$/, '') })
  client.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${apiKey}`)
      return request
    },
  })
  return client
}

export type KopruClient = ReturnType<typeof createKopruClient>
