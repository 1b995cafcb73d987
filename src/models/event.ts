import { z } from '@hono/zod-openapi'
import { eventStatuses, eventTypes } from '../core/events/types.js'
import { Timestamp } from './common.js'

export const EventType = z.enum(eventTypes).openapi('EventType')
export const EventStatus = z
  .enum(eventStatuses)
  .openapi('EventStatus', { description: '`no_endpoint`: recorded while the tenant had no webhook endpoint, or still pending when it was deleted (sent only on redelivery)' })

export const EventDelivery = z
  .object({
    status: EventStatus,
    attempts: z.number().int(),
    next_attempt_at: Timestamp.nullable(),
    last_attempt_at: Timestamp.nullable(),
    last_status: z.number().int().nullable().openapi({ description: "The receiver's HTTP status on the last attempt" }),
    last_error: z.string().nullable(),
    delivered_at: Timestamp.nullable(),
  })
  .openapi('EventDelivery')

export const Event = z
  .object({
    id: z.string().openapi({ example: 'evt_3kT9…', description: 'Also the `webhook-id` header: deduplicate on it' }),
    type: EventType,
    occurred_at: Timestamp,
    tenant_id: z.string(),
    connection_id: z.string().nullable(),
    provider: z.string().nullable(),
    data: z.unknown().openapi({ description: 'The unified object: Order, Shipment, inventory job or connection' }),
    previous: z.record(z.string(), z.unknown()).optional().openapi({ description: 'Status fields before a *.status_changed' }),
    delivery: EventDelivery,
  })
  .openapi('Event')

export const WebhookEndpoint = z
  .object({
    url: z.string(),
    secret: z.string().openapi({ description: 'whsec_<base64>: the HMAC key is the base64-decoded part after whsec_' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('WebhookEndpoint')
