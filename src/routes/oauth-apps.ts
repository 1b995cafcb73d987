import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { KopruError } from '../core/errors.js'
import type { GatewayServices } from '../core/services.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const OAuthAppBody = z
  .object({
    client_id: safeString().trim().min(1).max(500),
    client_secret: safeString(2000).default(''),
    scopes: z.array(safeString().min(1).max(200)).max(100).optional(),
    settings: z.record(safeString().regex(/^[a-z_]{1,40}$/), safeString().max(1000)).optional().openapi({
      description: 'Provider-specific app facts: eBay `ru_name`, Amazon `application_id`',
    }),
  })
  .openapi('OAuthApp')

const putApp = createRoute({
  method: 'put',
  path: '/admin/providers/{provider}/oauth-app',
  operationId: 'putOAuthApp',
  tags: ['admin'],
  security: [{ adminKey: [] }],
  summary: "Sets the operator's OAuth app for a provider (the secret is stored encrypted)",
  request: {
    params: z.object({ provider: safeString().max(40) }),
    body: { required: true, content: { 'application/json': { schema: OAuthAppBody } } },
  },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: z.object({ provider: safeString(), client_id: safeString(), scopes: z.array(safeString()).nullable() }) } } },
    ...problemResponses(400, 401),
  },
})

export function oauthAppRoutes({ registry, oauthApps }: Pick<GatewayServices, 'registry' | 'oauthApps'>) {
  return new GatewayRoutes().openapi(putApp, async (c) => {
    const provider = registry.get(c.req.valid('param').provider)
    if (provider.auth.type !== 'oauth2') throw new KopruError('invalid_request', `${provider.name} does not use OAuth`)
    const body = c.req.valid('json')
    await oauthApps.put(provider, { clientId: body.client_id, clientSecret: body.client_secret, scopes: body.scopes, settings: body.settings ?? {} })
    return c.json({ provider: provider.id, client_id: body.client_id, scopes: body.scopes ?? null }, 200)
  })
}
