import type { OpenAPIHono } from '@hono/zod-openapi'
import { SwaggerUI } from '@hono/swagger-ui'
import type { GatewayEnv } from '../http/types.js'
import { normalizeDocument, openApiConfig, withServers, type OpenApiDocument } from './openapi-document.js'

/** The files of the reference renderer (swagger-ui-dist), served by kopru itself: no CDN, works offline. */
export type DocsAssetName = 'swagger-ui-bundle.js' | 'swagger-ui.css'
export type DocsAssets = (name: DocsAssetName) => Promise<string | null>

const assetTypes: Record<DocsAssetName, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
}
// Bumped with swagger-ui-dist so browsers never mix a cached old bundle with a new page.
const assetVersion = '5.35.0'

function docsPage(base: string, available: boolean): string {
  const ui = SwaggerUI({
    url: `${base}/openapi.json`,
    baseUrl: `${base}/docs/assets`,
    version: assetVersion,
    title: 'kopru API reference',
    defaultModelsExpandDepth: 1,
    docExpansion: 'list',
  })
  const missing = available
    ? ''
    : `<p>The reference renderer's files are not installed with this gateway; the document is at <a href="${base}/openapi.json">openapi.json</a>.</p>`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>kopru API reference</title></head><body>${missing}${ui}</body></html>`
}

const mountBase = (requestUrl: string, ownPath: string) => {
  const path = new URL(requestUrl).pathname.replace(/\/+$/, '')
  return path.endsWith(ownPath) ? path.slice(0, -ownPath.length) : ''
}

export function docsRoutes(app: OpenAPIHono<GatewayEnv>, assets?: DocsAssets) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'tenantKey', { type: 'http', scheme: 'bearer', description: 'Tenant API key (kpr_live_...)' })
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', { type: 'http', scheme: 'bearer', description: 'KOPRU_ADMIN_KEY' })
  let cached: OpenApiDocument | undefined
  const document = () => (cached ??= normalizeDocument(app.getOpenAPI31Document(openApiConfig)))
  app.get('/openapi.json', (c) => c.json(withServers(document(), c.req.url, '/openapi.json')))
  // A person or a probe opening the mount point itself: where to go from here, relative to the mount point.
  app.get('/', (c) => {
    const base = new URL(c.req.url).pathname.replace(/\/+$/, '')
    const links = { docs: `${base}/docs`, openapi: `${base}/openapi.json`, console: `${base}/console`, health: `${base}/health` }
    return c.json({ name: 'kopru', links })
  })
  app.get('/docs', (c) => c.html(docsPage(mountBase(c.req.url, '/docs'), assets !== undefined)))
  app.get(`/docs/assets/swagger-ui-dist@${assetVersion}/:file`, async (c) => {
    const name = c.req.param('file') as DocsAssetName
    const body = Object.hasOwn(assetTypes, name) && assets ? await assets(name) : null
    if (body === null) return c.notFound()
    return c.body(body, 200, { 'content-type': assetTypes[name], 'cache-control': 'public, max-age=86400, immutable' })
  })
}
