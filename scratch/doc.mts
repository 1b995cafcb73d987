import { testGateway } from '../test/helpers/gateway.ts'
const gw = await testGateway()
const doc = await (await gw.app.request('/openapi.json')).json() as any
for (const [path, ops] of Object.entries<any>(doc.paths)) for (const [m, op] of Object.entries<any>(ops)) {
  if (!['post','put','patch'].includes(m)) continue
  console.log(m, path, Object.keys(op.requestBody?.content ?? {}), (op.parameters??[]).map((p:any)=>p.in+':'+p.name).join(','), JSON.stringify(op.requestBody?.content?.['application/json']?.schema)?.slice(0,100))
}
process.exit(0)
