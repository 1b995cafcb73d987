import { createRoute, z } from '@hono/zod-openapi'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader, includeRawQuery, listQuery, pageOf, writeHeaders } from '../models/common.js'
import { Contact, CreateContactRequest } from '../models/contact.js'
import { problemResponses } from '../models/problem.js'
import { safeString } from '../models/safe.js'
import { withRaw } from './unified.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const security = [{ tenantKey: [] }]
const failures = problemResponses(400, 401, 404, 409, 422, 429, 501, 502, 503, 504)
const ok = (description: string) => ({ description, content: { 'application/json': { schema: Contact } } })

const listContacts = createRoute({
  operationId: 'listContacts',
  method: 'get',
  path: '/v1/contacts',
  tags: ['contacts'],
  security,
  summary: 'Customers and suppliers kept at the accounting connection (Paraşüt), filtered by tax id or name',
  request: {
    headers: connectionHeader,
    query: z.object({
      ...listQuery,
      tax_id: safeString().regex(/^\d{10,11}$/, 'a VKN (10 digits) or TCKN (11 digits)').optional(),
      name: safeString().trim().min(1).max(200).optional(),
      include: includeRawQuery,
    }),
  },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: pageOf(Contact, 'ContactPage') } } }, ...failures },
})

const getContact = createRoute({
  operationId: 'getContact',
  method: 'get',
  path: '/v1/contacts/{id}',
  tags: ['contacts'],
  security,
  summary: 'One contact by the provider’s id',
  request: {
    headers: connectionHeader,
    params: z.object({ id: safeString().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }),
    query: z.object({ include: includeRawQuery }),
  },
  responses: { 200: ok('OK'), ...failures },
})

const createContact = createRoute({
  operationId: 'createContact',
  method: 'post',
  path: '/v1/contacts',
  tags: ['contacts'],
  security,
  summary: 'Create a customer or supplier at the provider, exactly once per Idempotency-Key',
  description:
    'The VKN/TCKN check digits are checked before any provider call. A contact the provider already keeps under the ' +
    'same tax id and name is answered instead of a second one, also when the first answer was lost. Same key and ' +
    'body replays the first answer; another body is `idempotency_mismatch`. Providers that keep no contacts (İzibiz) answer 501.',
  request: {
    headers: writeHeaders('supplier-1234567808'),
    body: { required: true, content: { 'application/json': { schema: CreateContactRequest } } },
  },
  responses: { 201: ok('Created, found, or the replay of the first answer (Idempotency-Replayed: true)'), ...failures },
})

export function contactRoutes({ accounting }: GatewayServices) {
  return new GatewayRoutes()
    .openapi(listContacts, async (c) => {
      const { limit, cursor, tax_id, name, include } = c.req.valid('query')
      const page = await accounting.contacts.list({
        tenantId: c.get('tenantId'),
        connectionId: c.req.valid('header')['kopru-connection-id'],
        limit,
        cursor,
        filters: { tax_id, name },
        scope: c.get('scope'),
      })
      return c.json({ data: page.data.map((contact) => withRaw(contact, include)), next_cursor: page.next_cursor }, 200)
    })
    .openapi(getContact, async (c) => {
      const contact = await accounting.contacts.get({
        tenantId: c.get('tenantId'),
        connectionId: c.req.valid('header')['kopru-connection-id'],
        id: c.req.valid('param').id,
        scope: c.get('scope'),
      })
      return c.json(withRaw(contact, c.req.valid('query').include), 200)
    })
    .openapi(createContact, async (c) => {
      const headers = c.req.valid('header')
      const answer = await accounting.contacts.create({
        tenantId: c.get('tenantId'),
        connectionId: headers['kopru-connection-id'],
        idempotencyKey: headers['idempotency-key'],
        request: c.req.valid('json'),
        scope: c.get('scope'),
      })
      if (answer.replayed) c.header('Idempotency-Replayed', 'true')
      return c.json(answer.body as Contact, 201)
    })
}
