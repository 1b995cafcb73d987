import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createIzibizSimulator, izibizDemo, type IzibizSimulator } from '../../providers/izibiz/simulator.js'
import { createParasutSimulator, parasutDemo, type ParasutSimulator } from '../../providers/parasut/simulator.js'
import { PUBLIC_URL, connectThroughFlow } from '../helpers/connect-flow.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const supplier = { type: 'supplier', name: 'Örnek Ticaret A.Ş.', tax_id: '1234567808', tax_office: 'Şişli', email: 'muhasebe@ornek.com.tr', address: { line1: 'Büyükdere Cad. No:1', district: 'Şişli', city: 'İstanbul', country_code: 'TR' } }

describe('contacts over HTTP: Paraşüt keeps them, İzibiz does not', () => {
  let parasut: Awaited<ReturnType<typeof serveSimulator<ParasutSimulator>>>
  let izibiz: Awaited<ReturnType<typeof serveSimulator<IzibizSimulator>>>
  let gw: TestGateway
  let apiKey: string
  const conn = { parasut: '', izibiz: '' }

  beforeAll(async () => {
    parasut = await serveSimulator(createParasutSimulator({ redirectUris: [`${PUBLIC_URL}/connect/callback`], quota: { limit: 10_000, windowMs: 10_000 } }))
    izibiz = await serveSimulator(createIzibizSimulator())
  })
  afterAll(async () => {
    await Promise.all([parasut.server.close(), izibiz.server.close()])
  })

  beforeEach(async () => {
    parasut.control.dropContactAnswers = 0
    parasut.company.contacts.clear()
    gw = await testGateway({
      publicUrl: PUBLIC_URL,
      quotas: 'off',
      env: {
        KOPRU_PROVIDER_PARASUT_BASE_URL: parasut.url,
        KOPRU_PROVIDER_PARASUT_CLIENT_ID: parasutDemo.clientId,
        KOPRU_PROVIDER_PARASUT_CLIENT_SECRET: parasutDemo.clientSecret,
        KOPRU_PROVIDER_IZIBIZ_BASE_URL: izibiz.url,
      },
    })
    apiKey = (await gw.tenant()).apiKey
    const flow = await connectThroughFlow(gw, apiKey, { provider: 'parasut' })
    conn.parasut = flow.connectionId!
    const created = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'izibiz', credentials: { username: izibizDemo.username, password: izibizDemo.password }, settings: { supplier: izibizDemo.supplier, series: 'KPR' } }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    conn.izibiz = ((await created.json()) as { id: string }).id
  })

  const create = (key: string, body: unknown, connection = conn.parasut) =>
    gw.call(apiKey, '/v1/contacts', { method: 'POST', connection, body: JSON.stringify(body), headers: { 'idempotency-key': key } })
  const atParasut = () => [...parasut.company.contacts.values()]

  it('creates a supplier, reads it back by id and finds it by tax id and name', async () => {
    const response = await create('contact-1', supplier)
    expect(response.status, await response.clone().text()).toBe(201)
    const contact = (await response.json()) as Record<string, any>
    expect(contact).toMatchObject({ provider: 'parasut', connection_id: conn.parasut, type: 'supplier', kind: 'company', name: supplier.name, tax_id: '1234567808', tax_office: 'Şişli' })
    expect(contact.raw).toBeUndefined()
    expect(atParasut()).toHaveLength(1)
    expect(atParasut()[0]!.attributes).toMatchObject({ account_type: 'supplier', contact_type: 'company', tax_number: '1234567808', city: 'İstanbul' })

    const read = (await (await gw.call(apiKey, `/v1/contacts/${contact.id}?include=raw`, { connection: conn.parasut })).json()) as Record<string, any>
    expect(read).toMatchObject({ id: contact.id, name: supplier.name, type: 'supplier' })
    expect(read.raw).toMatchObject({ type: 'contacts' })
    const found = (await (await gw.call(apiKey, '/v1/contacts?tax_id=1234567808', { connection: conn.parasut })).json()) as { data: { id: string }[] }
    expect(found.data.map((c) => c.id)).toEqual([contact.id])
    const none = (await (await gw.call(apiKey, '/v1/contacts?tax_id=10000000146', { connection: conn.parasut })).json()) as { data: unknown[] }
    expect(none.data).toEqual([])
    await expectProblem(await gw.call(apiKey, '/v1/contacts/999999', { connection: conn.parasut }), 404, 'not_found')
    // An id Paraşüt cannot have is answered without a call, still naming the provider like its own 404.
    const malformed = (await expectProblem(await gw.call(apiKey, '/v1/contacts/not-a-number', { connection: conn.parasut }), 404, 'not_found')) as { provider?: { id: string } }
    expect(malformed.provider?.id).toBe('parasut')
  })

  it('pages with an opaque cursor through Paraşüt pages', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await create(`page-${i}`, { name: `Müşteri ${i}`, tax_id: '11111111111' })
      expect(response.status, await response.clone().text()).toBe(201)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2'
      const page = (await (await gw.call(apiKey, `/v1/contacts${query}`, { connection: conn.parasut })).json()) as { data: { name: string }[]; next_cursor: string | null }
      seen.push(...page.data.map((c) => c.name))
      cursor = page.next_cursor
      if (cursor) expect(cursor).not.toMatch(/page|number/i)
    } while (cursor)
    expect(seen).toEqual(['Müşteri 0', 'Müşteri 1', 'Müşteri 2', 'Müşteri 3', 'Müşteri 4'])
    const first = (await (await gw.call(apiKey, '/v1/contacts?limit=2', { connection: conn.parasut })).json()) as { next_cursor: string }
    await expectProblem(await gw.call(apiKey, `/v1/contacts?limit=2&tax_id=11111111111&cursor=${first.next_cursor}`, { connection: conn.parasut }), 400, 'invalid_request')
  })

  it('20 concurrent creates with one key and a dropped first answer make one contact; another body is 422', async () => {
    parasut.control.dropContactAnswers = 1
    const answers = await Promise.all(Array.from({ length: 20 }, () => create('contact-once', supplier)))
    const settled = answers.filter((r) => r.status === 201)
    expect(settled.length).toBeGreaterThan(0)
    for (const r of answers) expect([201, 409]).toContain(r.status)
    const ids = new Set(await Promise.all(settled.map(async (r) => ((await r.json()) as { id: string }).id)))
    expect(ids.size).toBe(1)
    const again = await create('contact-once', supplier)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotency-replayed')).toBe('true')
    expect(atParasut()).toHaveLength(1)
    await expectProblem(await create('contact-once', { ...supplier, name: 'Başka A.Ş.' }), 422, 'idempotency_mismatch')
    // Another key for the same tax id and name finds the contact instead of making a second one.
    const other = await create('contact-twice', supplier)
    expect(((await other.json()) as { id: string }).id).toBe([...ids][0])
    expect(atParasut()).toHaveLength(1)
  })

  it('an invalid VKN/TCKN is 400 naming body.tax_id before any provider call; a provider refusal names the field', async () => {
    const before = parasut.received.length
    const bad = await expectProblem(await create('bad-vkn', { ...supplier, tax_id: '1234567809' }), 400, 'invalid_request')
    expect(bad.errors.map((e: { path: string }) => e.path)).toContain('body.tax_id')
    const badTckn = await expectProblem(await create('bad-tckn', { name: 'Elif Kaya', tax_id: '12345678901' }), 400, 'invalid_request')
    expect(badTckn.errors.map((e: { path: string }) => e.path)).toContain('body.tax_id')
    expect(parasut.received.length).toBe(before)
    const refused = await expectProblem(await create('no-office', { ...supplier, tax_office: null }), 400, 'invalid_request')
    expect(refused.errors.map((e: { path: string }) => e.path)).toContain('body.tax_office')
    expect(refused.provider).toMatchObject({ id: 'parasut', code: 'Vergi dairesi boş olamaz' })
    expect(atParasut()).toHaveLength(0)
  })

  it('İzibiz keeps no contacts: 501 naming its docs, and no call to İzibiz', async () => {
    const before = izibiz.stats.logins
    const problem = await expectProblem(await create('izi', supplier, conn.izibiz), 501, 'unsupported_operation')
    expect(problem.detail).toMatch(/İzibiz keeps no contacts.*docs\/providers\/izibiz\.md/)
    await expectProblem(await gw.call(apiKey, '/v1/contacts', { connection: conn.izibiz }), 501, 'unsupported_operation')
    await expectProblem(await gw.call(apiKey, '/v1/contacts/1', { connection: conn.izibiz }), 501, 'unsupported_operation')
    expect(izibiz.stats.logins).toBe(before)
  })
})
