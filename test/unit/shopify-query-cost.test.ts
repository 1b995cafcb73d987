import { describe, expect, it } from 'vitest'
import { actualQueryCost, requestedQueryCost } from '../../providers/shopify/query-cost.js'

describe('Shopify calculated query cost', () => {
  // shopify.dev "GraphQL Admin API rate limits": connection 2 + first × node, object 1, scalar 0, mutation 10.
  const query = `query Orders($first: Int!) { orders(first: $first) { nodes { id totalPriceSet { shopMoney { amount } } lineItems(first: 5) { nodes { id } } } pageInfo { hasNextPage } } }`
  it('asks for full pages before running', () => {
    // per order: 1 + totalPriceSet (1 + shopMoney 1) + lineItems (2 + 5 × 1) = 10
    expect(requestedQueryCost(query, { first: 3 })).toBe(2 + 3 * 10)
  })
  it('charges what came back', () => {
    const data = { orders: { nodes: [{ id: 'a', totalPriceSet: { shopMoney: { amount: '1' } }, lineItems: { nodes: [{ id: 'l' }] } }], pageInfo: { hasNextPage: false } } }
    expect(actualQueryCost(query, data)).toBe(2 + (1 + 2 + 2 + 1))
  })
  it('counts a mutation as 10', () => {
    expect(requestedQueryCost('mutation Set($input: X!) { inventorySetQuantities(input: $input) { userErrors { field message } } }')).toBe(10)
  })
})
