import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { testGateway } from '../helpers/gateway.js'

/** Runs a documented `curl -X METHOD URL -H "K: V" … -d '…'` line through the gateway. */
function runCurl(gw: Awaited<ReturnType<typeof testGateway>>, line: string, vars: Record<string, string>) {
  const expanded = line.replace(/\$([A-Z]+)/g, (_, name: string) => vars[name] ?? `$${name}`)
  const method = /-X (\w+)/.exec(expanded)?.[1] ?? 'GET'
  const url = /curl(?: -s)?(?: -X \w+)? "?([^"\s]+)"?/.exec(expanded)![1]!
  const headers = Object.fromEntries([...expanded.matchAll(/-H "([^:]+): ([^"]+)"/g)].map((m) => [m[1]!, m[2]!]))
  const body = /-d '([^']*)'/.exec(expanded)?.[1]
  return gw.app.request(url, { method, headers, body })
}

describe('examples', () => {
  it("the webhook receiver's curl sets the endpoint as written", async () => {
    const gw = await testGateway()
    const tenant = await gw.tenant()
    const source = await readFile('examples/webhook-receiver.ts', 'utf8')
    const line = source.split('\n').find((l) => l.includes('curl') && l.includes('/v1/webhook-endpoint'))!
    const response = await runCurl(gw, line.replace(/^\s*\*\s*/, ''), { KOPRU: 'http://kopru.test', KEY: tenant.apiKey })
    expect(response.status, await response.clone().text()).toBe(200)
    expect(((await response.json()) as { url: string }).url).toBe('https://you.example/kopru')
  })
})
