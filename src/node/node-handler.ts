import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'

/** What a Node framework may leave on the request after its body parser ran (Express, body-parser, NestJS). */
type HostRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown }

export interface NodeHandlerOptions {
  /** Where the host mounts kopru, e.g. `/integrations`: kopru's links (/docs, /console, /openapi.json) follow it. */
  basePath: string
}

/**
 * kopru as `(req, res, next?)` for Express 4/5, Connect, NestJS, or a Fastify route given `request.raw`/`reply.raw`.
 * @hono/node-server reads the body from the stream, or from `req.rawBody` when it is a Buffer (NestJS `rawBody: true`).
 * A body parser in front (express.json(), express.raw()) has already read the stream: kopru would see an empty body
 * and answer "not valid JSON". So the bytes the parser left are handed on as `rawBody`; a body parsed into an object
 * is re-serialised, except for provider webhooks, whose signatures cover the exact bytes (docs/packaging.md).
 */
export function nodeHandler(app: { fetch: (request: Request) => Response | Promise<Response> }, { basePath }: NodeHandlerOptions) {
  const mountPoint = `/${basePath.replace(/^\/+|\/+$/g, '')}`
  const listener = getRequestListener(new Hono().route(mountPoint, app as never).fetch)
  return function kopruNodeHandler(req: HostRequest, res: ServerResponse): void {
    req.url = req.originalUrl ?? req.url
    if (req.readableEnded && !Buffer.isBuffer(req.rawBody)) {
      const refused = restoreBody(req, mountPoint)
      if (refused) return refusedBody(res, refused)
    }
    void listener(req, res)
  }
}

/** Puts what a body parser left back as `rawBody`; answers the reason when it cannot be done truthfully. */
function restoreBody(req: HostRequest, mountPoint: string): string | undefined {
  const { body } = req
  if (Buffer.isBuffer(body)) req.rawBody = body
  else if (typeof body === 'string') req.rawBody = Buffer.from(body)
  else if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0 && !hasBody(req))) req.rawBody = Buffer.alloc(0)
  else if (req.url?.startsWith(`${mountPoint}/webhooks/`)) {
    return "a body parser in front of kopru read this webhook's body, and its signature covers the exact bytes: mount kopru before the body parser, or keep the bytes as req.rawBody"
  } else if (typeof body === 'object') req.rawBody = Buffer.from(JSON.stringify(body))
  return undefined
}

function hasBody(req: HostRequest): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
}

function refusedBody(res: ServerResponse, detail: string): void {
  const problem = { type: 'https://kopru.dev/errors/invalid_request', title: 'Invalid request', status: 400, code: 'invalid_request', detail, retryable: false }
  res.writeHead(400, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem))
}
