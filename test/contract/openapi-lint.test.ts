import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testGateway, type TestGateway } from '../helpers/gateway.js'

const run = promisify(execFile)

describe('the OpenAPI document', () => {
  let gw: TestGateway
  let doc: any
  let dir = ''

  beforeAll(async () => {
    gw = await testGateway()
    doc = await (await gw.app.request('/openapi.json')).json()
    dir = await mkdtemp(join(tmpdir(), 'kopru-openapi-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('passes Redocly CLI `recommended` with zero errors', async () => {
    const file = join(dir, 'openapi.json')
    await writeFile(file, JSON.stringify(doc))
    const cli = join(process.cwd(), 'node_modules/.bin/redocly')
    const result = await run(cli, ['lint', '--extends', 'recommended', '--format', 'json', file], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }))
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { problems: { severity: string; ruleId: string; location: { pointer: string }[] }[] }
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}`)
    expect(errors).toEqual([])
  }, 60_000)

  it('names every operation with a unique operationId', () => {
    const ids = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { operationId?: string }>).map(([method, op]) => op.operationId ?? `missing: ${method} ${path}`),
    )
    expect(ids.filter((id) => id.startsWith('missing'))).toEqual([])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('allows null where a nullable Money is null', () => {
    expect(doc.components.schemas.Order.properties.tax_total).toEqual({ anyOf: [{ $ref: '#/components/schemas/Money' }, { type: 'null' }] })
    expect(JSON.stringify(doc)).not.toMatch(/"allOf":\[\{"\$ref":"[^"]+"\},\{"type":\[[^\]]*"null"/)
  })

  it('describes the proxy for every method with a path that may carry slashes', () => {
    expect(Object.keys(doc.paths['/v1/proxy/{path}']).sort()).toEqual(['delete', 'get', 'patch', 'post', 'put'])
    expect(doc.paths['/v1/proxy/{path}'].get.description).toContain('%2F')
  })

  it('follows the mount point in servers', async () => {
    const host = new Hono().route('/integrations', gw.app)
    const mounted = (await (await host.request('/integrations/openapi.json')).json()) as any
    expect(mounted.servers).toEqual([expect.objectContaining({ url: '/integrations' })])
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })])
  })
})
