import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { base64ToBytes } from '../core/encoding.js'
import type { GatewayServices } from '../core/services.js'
import { present } from '../core/shipping/service.js'
import { includeRawQuery, writeHeaders } from '../models/common.js'
import { problemResponses } from '../models/problem.js'
import { CreateShipmentRequest, Shipment } from '../models/shipment.js'
import { withRaw } from './unified.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

/** `?include=raw` governs the carrier's raw objects of the shipment and of its tracker alike. */
const shipmentView = (shipment: Shipment, include: string | undefined) => {
  const view = withRaw({ ...present(shipment), raw: shipment.raw }, include)
  return view.tracking ? { ...view, tracking: withRaw(view.tracking, include) } : view
}

const security = [{ tenantKey: [] }]
const failures = problemResponses(400, 401, 404, 409, 422, 429, 501, 502, 503, 504)
const ok = (description: string) => ({ description, content: { 'application/json': { schema: Shipment } } })

const optionalConnectionHeader = z.object({
  'kopru-connection-id': safeString()
    .min(1)
    .max(64)
    .optional()
    .openapi({
      param: { name: 'kopru-connection-id', in: 'header' },
      description: 'Needed only to ask the carrier for a shipment kopru did not create (by the carrier id)',
    }),
})

const idParam = z.object({ id: safeString().min(1).max(128).openapi({ param: { name: 'id', in: 'path' } }) })

const createShipment = createRoute({
  method: 'post',
  path: '/v1/shipments',
  operationId: 'createShipment',
  tags: ['shipments'],
  security,
  summary: 'Create a shipment at the connection’s carrier, exactly once per Idempotency-Key',
  description:
    'Same key and same body replays the first answer; same key and another body is `idempotency_mismatch`; ' +
    'while the first request is still running the key answers `conflict`. A lost carrier answer is reconciled by reference.',
  request: {
    headers: writeHeaders('order-10900001-shipment'),
    body: { required: true, content: { 'application/json': { schema: CreateShipmentRequest } } },
  },
  responses: { 201: ok('Created (or the replay of the first answer, with Idempotency-Replayed: true)'), ...failures },
})

const getShipment = createRoute({
  method: 'get',
  path: '/v1/shipments/{id}',
  operationId: 'getShipment',
  tags: ['shipments'],
  security,
  summary: 'A shipment with its latest tracking',
  request: { headers: optionalConnectionHeader, params: idParam, query: z.object({ include: includeRawQuery }) },
  responses: { 200: ok('OK'), ...failures },
})

const cancelShipment = createRoute({
  method: 'post',
  path: '/v1/shipments/{id}/cancel',
  operationId: 'cancelShipment',
  tags: ['shipments'],
  security,
  summary: 'Cancel a shipment while the carrier still allows it',
  description: 'Past the carrier’s cancel window the answer is `conflict` with the carrier’s reason in `provider`.',
  request: { headers: optionalConnectionHeader, params: idParam, query: z.object({ include: includeRawQuery }) },
  responses: { 200: ok('Cancelled'), ...failures },
})

const getLabel = createRoute({
  method: 'get',
  path: '/v1/shipments/{id}/label',
  operationId: 'getShipmentLabel',
  tags: ['shipments'],
  security,
  summary: 'The shipment’s label as a file, ready to print (PDF, or ZPL as text)',
  request: { params: idParam },
  responses: {
    200: {
      description: 'The label',
      content: { 'application/pdf': { schema: safeString().openapi({ format: 'binary' }) }, 'text/plain': { schema: safeString() } },
    },
    ...problemResponses(401, 404),
  },
})

export function shipmentRoutes({ shipping }: Pick<GatewayServices, 'shipping'>) {
  return new GatewayRoutes()
    .openapi(createShipment, async (c) => {
      const headers = c.req.valid('header')
      const answer = await shipping.create({
        tenantId: c.get('tenantId'),
        connectionId: headers['kopru-connection-id'],
        idempotencyKey: headers['idempotency-key'],
        request: c.req.valid('json'),
        scope: c.get('scope'),
      })
      if (answer.replayed) c.header('Idempotency-Replayed', 'true')
      return c.json(answer.body as Shipment, 201)
    })
    .openapi(getShipment, async (c) => {
      const shipment = await shipping.get({
        tenantId: c.get('tenantId'),
        id: c.req.valid('param').id,
        connectionId: c.req.valid('header')['kopru-connection-id'],
        scope: c.get('scope'),
      })
      return c.json(shipmentView(shipment, c.req.valid('query').include), 200)
    })
    .openapi(getLabel, async (c) => {
      const label = await shipping.label({ tenantId: c.get('tenantId'), id: c.req.valid('param').id })
      const pdf = label.format === 'PDF'
      return new Response(base64ToBytes(label.data) as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: {
          'content-type': pdf ? 'application/pdf' : 'text/plain; charset=utf-8',
          'content-disposition': `inline; filename="${label.reference}.${pdf ? 'pdf' : 'zpl'}"`,
          'kopru-request-id': c.get('requestId'),
        },
      })
    })
    .openapi(cancelShipment, async (c) => {
      const shipment = await shipping.cancel({
        tenantId: c.get('tenantId'),
        id: c.req.valid('param').id,
        connectionId: c.req.valid('header')['kopru-connection-id'],
        scope: c.get('scope'),
      })
      return c.json(shipmentView(shipment, c.req.valid('query').include), 200)
    })
}
