/**
 * Facts Paraşüt's document states in prose, not in a schema, read from the document itself
 * (test/fixtures/specs/parasut/swagger.yaml, "Genel Bilgiler" and "Satış Faturası Resmileştirme") and compared
 * with what the adapter and the simulator declare.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parasut } from '../../providers/parasut/index.js'
import { createParasutSimulator } from '../../providers/parasut/simulator.js'
import { JOB_ID_LIFETIME_MS } from '../../providers/parasut/simulator-store.js'

const description = String(parse(readFileSync(new URL('../fixtures/specs/parasut/swagger.yaml', import.meta.url), 'utf8')).info.description)

describe("Paraşüt's document, in prose", () => {
  it('the request limit ("10 saniyede 10 adet istek") is the adapter’s quota and the simulator’s', () => {
    const [, seconds, requests] = /(\d+) saniyede (\d+) adet istek gönderebilirsiniz/.exec(description) ?? []
    expect({ limit: Number(requests), intervalMs: Number(seconds) * 1000 }).toEqual({ limit: 10, intervalMs: 10_000 })
    expect(parasut.quotas?.[0]).toMatchObject({ limit: Number(requests), intervalMs: Number(seconds) * 1000, scope: 'credential' })
    const quota = createParasutSimulator().quota
    const burst = Array.from({ length: Number(requests) + 1 }, () => quota.take('627').ok)
    expect(burst.filter(Boolean)).toHaveLength(Number(requests))
  })

  it('a trackable job id lives 15 minutes, as in the simulator', () => {
    const [, minutes] = /`id`'nin kullanım süresi oluşturulduktan sonra (\d+) dakikadır/.exec(description) ?? []
    expect(Number(minutes) * 60_000).toBe(JOB_ID_LIFETIME_MS)
  })
})
