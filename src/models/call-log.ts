import { z } from '@hono/zod-openapi'
import { listQuery } from './common.js'
import { callKinds } from '../core/call-log/record.js'

const q = (name: string) => ({ param: { name, in: 'query' as const } })

export const CallLogEntry = z
  .object({
    id: z.string().openapi({ description: 'Position in the log; newer entries have larger ids' }),
    time: z.string(),
    tenant_id: z.string(),
    connection_id: z.string().nullable(),
    provider: z.string(),
    operation: z.string(),
    kind: z.string().openapi({
      description:
        'What kind of exchange: `operation` (a unified call), `proxy`, `session` (session token), `token_refresh` (OAuth), `token_exchange` (the authorization-code exchange of the connect flow), ' +
        "`webhook_registration`, `polling`, or `webhook_delivery` (an event sent to the tenant's endpoint; `request_id` is the event id)",
    }),
    method: z.string(),
    host: z.string(),
    path: z.string().openapi({ description: 'URL path with ids kept; the query string is never logged' }),
    status: z.number().int().nullable().openapi({ description: 'null when no answer came (timeout, unreachable)' }),
    duration_ms: z.number().int(),
    attempt: z.number().int().openapi({ description: '0 for the first attempt, 1 for the first retry, …' }),
    retry_reason: z.string().nullable().openapi({ description: 'Why the previous attempt was retried (status, `timeout`, `unreachable`)' }),
    quota_wait_ms: z.number().int(),
    circuit: z.enum(['closed', 'half_open', 'open']),
    request_id: z.string(),
    error_code: z.string().nullable(),
    request_body: z.string().nullable().openapi({ description: 'Only with the connection setting `log_bodies`; redacted, capped' }),
    response_body: z.string().nullable(),
  })
  .openapi('CallLogEntry')

export const CallLogPage = z.object({ data: z.array(CallLogEntry), next_cursor: z.string().nullable() }).openapi('CallLogPage')

const statusClass = z.enum(['2xx', '3xx', '4xx', '5xx', 'none'])

export const callLogQuery = {
  ...listQuery,
  connection_id: z.string().max(64).optional().openapi(q('connection_id')),
  request_id: z.string().max(200).optional().openapi(q('request_id')),
  provider: z.string().max(64).optional().openapi(q('provider')),
  operation: z.string().max(100).optional().openapi(q('operation')),
  kind: z.enum(callKinds).optional().openapi(q('kind')),
  status: statusClass.optional().openapi({ ...q('status'), description: '`none`: attempts that got no answer' }),
  from: z.string().datetime({ offset: true }).optional().openapi(q('from')),
  to: z.string().datetime({ offset: true }).optional().openapi(q('to')),
}
