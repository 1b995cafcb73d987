import { describe, expect, it } from 'vitest'
import { expectProblem, testGateway } from '../helpers/gateway.js'

describe('/ready', () => {
  it('is 503 not_ready while start-up is still seeding, 200 once it is done; /health stays 200', async () => {
    let starting: string | null = 'seeding the demo tenant'
    const gw = await testGateway({ notReady: () => starting })
    const early = await expectProblem(await gw.app.request('/ready'), 503, 'not_ready')
    expect(early.detail).toContain('seeding the demo tenant')
    expect(early.retryable).toBe(true)
    expect((await gw.app.request('/health')).status).toBe(200)
    starting = null
    expect((await gw.app.request('/ready')).status).toBe(200)
  })
})
