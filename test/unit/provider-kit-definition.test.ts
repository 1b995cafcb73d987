import { describe, expect, it } from 'vitest'
import { DEFAULT_REFRESH_WINDOW_MS, bodyCredentials, oauth2Auth, oauthTokensSchema, operationsOf, ownCeiling } from '../../src/core/provider-kit/index.js'

describe('provider kit: shared parts of a definition', () => {
  it('operationsOf files conventionally named functions under their unified operation ids and leaves out the missing', () => {
    const fn = async () => ({}) as never
    const named = {
      listOrders: fn, getOrder: fn, createFulfillment: fn, listProducts: fn, getProduct: fn, updateInventory: fn, inventoryJob: fn,
      attachInvoice: fn, createShipment: fn, getShipment: fn, cancelShipment: fn, getTracking: fn, listRates: fn,
    }
    expect(Object.keys(operationsOf(named)).sort()).toEqual(
      ['orders.list', 'orders.get', 'fulfillments.create', 'products.list', 'products.get', 'inventory.update', 'inventory.job', 'invoices.attach',
        'shipments.create', 'shipments.get', 'shipments.cancel', 'tracking.get', 'rates.list'].sort(),
    )
    const get = async () => ({}) as never
    expect(operationsOf({ listOrders: fn, getOrder: get, createFulfillment: undefined })).toEqual({ 'orders.list': fn, 'orders.get': get })
  })

  it('oauth2Auth: the token set as credentials, a Bearer header, no scopes and a five-minute margin unless given', () => {
    const auth = oauth2Auth({ authorize: { path: '/a' }, token: { path: '/t' }, clientAuth: 'post' })
    expect(auth).toMatchObject({ type: 'oauth2', fields: [], schema: oauthTokensSchema, oauth: { defaultScopes: [], refreshWindowMs: DEFAULT_REFRESH_WINDOW_MS } })
    const headers = new Headers()
    auth.apply({ headers } as never, { access_token: 'tok' })
    expect(headers.get('authorization')).toBe('Bearer tok')
    expect(oauth2Auth({ authorize: { path: '/a' }, token: { path: '/t' }, clientAuth: 'post', refreshWindowMs: 1, defaultScopes: ['x'] }).oauth).toMatchObject({ refreshWindowMs: 1, defaultScopes: ['x'] })
  })

  it('bodyCredentials puts nothing on the HTTP request; ownCeiling is one per-credential window', () => {
    const headers = new Headers()
    bodyCredentials([], oauthTokensSchema).apply({ headers } as never, { access_token: 'secret' })
    expect([...headers]).toEqual([])
    expect(ownCeiling(7)).toEqual([{ group: 'default', limit: 7, intervalMs: 1000, scope: 'credential', description: 'no published limit; kopru ceiling' }])
  })
})
