import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { operationIds } from '../core/provider-kit/types.js'
import type { GatewayServices } from '../core/services.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const CatalogEntry = z
  .object({
    id: safeString(),
    name: safeString(),
    kind: z.enum(['marketplace', 'carrier', 'accounting']),
    auth_type: safeString(),
    auth_fields: z.array(z.object({ name: safeString(), label: safeString(), secret: z.boolean() })),
    environments: z.array(safeString()),
    operations: z.array(z.enum(operationIds)),
    quotas: z.array(z.object({ group: safeString(), limit: z.number(), interval_ms: z.number(), scope: safeString() })),
  })
  .openapi('Provider')

const listProviders = createRoute({
  method: 'get',
  path: '/v1/providers',
  operationId: 'listProviders',
  tags: ['providers'],
  security: [{ tenantKey: [] }],
  summary: 'The provider catalog: auth fields, environments, supported operations, quotas',
  responses: {
    200: { description: 'OK', content: { 'application/json': { schema: z.object({ data: z.array(CatalogEntry) }) } } },
    ...problemResponses(401),
  },
})

export function providerRoutes({ registry }: Pick<GatewayServices, 'registry'>) {
  return new GatewayRoutes().openapi(listProviders, (c) => c.json({ data: registry.catalog() }, 200))
}
