/**
 * The typed client against a running kopru (`npm start` prints the key and connection ids):
 *   KOPRU_URL=http://127.0.0.1:8787 KOPRU_API_KEY=kpr_live_... KOPRU_CONNECTION=conn_... npx tsx examples/typed-client.ts
 */
import { createKopruClient, type KopruSchemas } from 'kopru/client'

const kopru = createKopruClient({ baseUrl: process.env.KOPRU_URL ?? 'http://127.0.0.1:8787', apiKey: process.env.KOPRU_API_KEY ?? '' })
const connection = { 'kopru-connection-id': process.env.KOPRU_CONNECTION ?? '' }

const { data, error } = await kopru.GET('/v1/orders', { params: { query: { limit: 5 }, header: connection } })
if (error) throw new Error(`${error.code}: ${error.detail ?? error.title}`)
const orders: KopruSchemas['Order'][] = data.data
for (const order of orders) console.log(order.order_number, order.status, order.total?.amount ?? 'not priced yet', order.tax_total?.amount ?? 'no tax')
