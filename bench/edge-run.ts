import type { Rung } from './edge-rungs.js'

/** `count` requests through `app`, 50 in flight, each answer read to the end. */
export async function runRequests(app: Rung[1], url: string, headers: Record<string, string>, count: number): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next++ < count) {
      const response = await app.request(url, { headers })
      if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`)
      await response.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: 50 }, worker))
}

/** CPU µs per request of `count` requests through `app` (the whole process: run with nothing else in it). */
export async function cpuPerRequest(app: Rung[1], url: string, headers: Record<string, string>, count: number): Promise<number> {
  const cpu = process.cpuUsage()
  await runRequests(app, url, headers, count)
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / count
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
