import type { OpenAPIHono } from '@hono/zod-openapi'
import { html, raw } from 'hono/html'
import type { GatewayEnv } from '../http/types.js'

type Doc = ReturnType<OpenAPIHono['getOpenAPI31Document']>
type Operation = { summary?: string; description?: string; tags?: string[]; parameters?: { name: string; in: string; required?: boolean; description?: string }[]; requestBody?: unknown; responses?: Record<string, unknown> }

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** A self-contained reference page rendered from the same OpenAPI document (no CDN, works offline). */
function renderReference(doc: Doc): string {
  const rows: string[] = []
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${escape(p.name)}</code> <em>${p.in}${p.required ? ', required' : ''}</em>${p.description ? ` — ${escape(p.description)}` : ''}</li>`)
        .join('')
      rows.push(
        `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>` +
          `${op.summary ? `<p>${escape(op.summary)}</p>` : ''}${op.description ? `<p class="d">${escape(op.description)}</p>` : ''}` +
          `${params ? `<ul>${params}</ul>` : ''}<p class="r">Responses: ${Object.keys(op.responses ?? {}).join(', ')}</p></section>`,
      )
    }
  }
  const schemas = Object.keys(doc.components?.schemas ?? {})
    .map((name) => `<code>${escape(name)}</code>`)
    .join(' · ')
  return `${rows.join('\n')}<h2>Schemas</h2><p>${schemas}</p>`
}

export function docsRoutes(app: OpenAPIHono<GatewayEnv>) {
  const config = {
    openapi: '3.1.0',
    info: {
      title: 'kopru',
      version: '0.1.0',
      description: 'One normalized REST API for marketplaces and shipping carriers. Errors are RFC 9457 problem+json.',
    },
  }
  app.openAPIRegistry.registerComponent('securitySchemes', 'tenantKey', { type: 'http', scheme: 'bearer', description: 'Tenant API key (kpr_live_...)' })
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', { type: 'http', scheme: 'bearer', description: 'KOPRU_ADMIN_KEY' })
  let cached: Doc | undefined
  const document = () => (cached ??= app.getOpenAPI31Document(config))
  app.get('/openapi.json', (c) => c.json(document()))
  app.get('/docs', (c) =>
    c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>kopru API reference</title>
            <style>
              body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330 }
              h1 { margin-bottom: 0 } section { border-top: 1px solid #e3e6ec; padding: .4rem 0 }
              h3 { font-size: 1rem; margin: .6rem 0 .2rem } .m { display: inline-block; min-width: 4.2rem; font-size: .75rem; padding: .1rem .4rem; border-radius: 4px; color: #fff; background: #5b6b8c }
              .get { background: #2f7d4f } .post { background: #2d5fa8 } .delete { background: #a83a2d } .put { background: #8a5a12 }
              .d, .r { color: #5b6270; font-size: .9rem } code { font-size: .9em }
            </style>
          </head>
          <body>
            <h1>kopru</h1>
            <p>${config.info.description} Machine-readable: <a href="openapi.json">openapi.json</a>.</p>
            ${raw(renderReference(document()))}
          </body>
        </html>`,
    ),
  )
}
