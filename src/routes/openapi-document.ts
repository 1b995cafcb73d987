import type { OpenAPIHono } from '@hono/zod-openapi'

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>

export const openApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'kopru',
    version: '0.1.0',
    description: 'One normalized REST API for marketplaces and shipping carriers. Errors are RFC 9457 problem+json.',
  },
}

type Json = unknown
type Schema = Record<string, Json>

const isObject = (value: Json): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * zod-to-openapi writes `Money.nullable()` as `allOf: [{$ref: Money}, {type: ['object', 'null']}]`, which no value
 * satisfies when it is null (the `$ref` branch must hold too). Generated clients then reject null. The correct form
 * is `anyOf: [{$ref: Money}, {type: 'null'}]`, keeping any description beside it.
 */
function nullableRef(schema: Schema): Schema | undefined {
  const allOf = schema.allOf
  if (!Array.isArray(allOf) || allOf.length !== 2) return undefined
  const [ref, marker] = allOf as [Json, Json]
  if (!isObject(ref) || typeof ref.$ref !== 'string' || !isObject(marker)) return undefined
  const types = marker.type
  if (!Array.isArray(types) || !types.includes('null')) return undefined
  const { type: _type, ...extra } = marker
  const { allOf: _allOf, ...rest } = schema
  return { ...rest, ...extra, anyOf: [ref, { type: 'null' }] }
}

function fixNullability(value: Json): Json {
  if (Array.isArray(value)) return value.map(fixNullability)
  if (!isObject(value)) return value
  const fixed = nullableRef(value) ?? value
  return Object.fromEntries(Object.entries(fixed).map(([key, child]) => [key, fixNullability(child)]))
}

/** The document as generated, made correct where the generator is not. */
export function normalizeDocument(doc: OpenApiDocument): OpenApiDocument {
  return fixNullability(doc) as OpenApiDocument
}

/** `servers` follow the mount point: `/openapi.json` under `/integrations` answers `servers: [{url: '/integrations'}]`. */
export function withServers(doc: OpenApiDocument, requestUrl: string, documentPath: string): OpenApiDocument {
  const url = new URL(requestUrl)
  const base = url.pathname.endsWith(documentPath) ? url.pathname.slice(0, -documentPath.length) : ''
  return { ...doc, servers: [{ url: base === '' ? '/' : base, description: 'this kopru instance' }] }
}
