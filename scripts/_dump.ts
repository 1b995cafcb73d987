import { testGateway } from '../test/helpers/gateway.js'
const gw = await testGateway()
const res = await gw.app.request('/openapi.json')
process.stdout.write(await res.text())
process.exit(0)
