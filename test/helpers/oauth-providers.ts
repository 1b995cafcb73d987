import { amazonDemo, createAmazonSimulator } from '../../providers/amazon/simulator.js'
import { createEbaySimulator, ebayDemo } from '../../providers/ebay/simulator.js'
import { createEtsySimulator, etsyDemo } from '../../providers/etsy/simulator.js'
import { createShopifySimulator, shopifyDemo } from '../../providers/shopify/simulator.js'
import type { SimulatorClock } from '../../src/core/provider-kit/simulator.js'
import type { OAuthServer } from '../../src/core/provider-kit/oauth-server.js'

export interface OAuthCase {
  id: string
  /** Builds the simulator with kopru's callback URL registered. */
  simulator(callbackUrl: string, clock: SimulatorClock): { app: { fetch(r: Request): Response | Promise<Response> }; oauth: OAuthServer }
  env(url: string): Record<string, string>
  /** What the user types on the connect page before pressing Connect. */
  form: Record<string, string>
  /** The unified order id the simulator lists first. */
  firstOrderId: string
}

const unlimited = { limit: 100_000, windowMs: 1000 }

export const oauthCases: OAuthCase[] = [
  {
    id: 'shopify',
    simulator: (callbackUrl, clock) => createShopifySimulator({ clock, redirectUris: [callbackUrl], bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } }),
    env: (url) => ({ KOPRU_PROVIDER_SHOPIFY_BASE_URL: url, KOPRU_PROVIDER_SHOPIFY_CLIENT_ID: shopifyDemo.clientId, KOPRU_PROVIDER_SHOPIFY_CLIENT_SECRET: shopifyDemo.clientSecret }),
    form: { shop: 'kopru-demo' },
    firstOrderId: '5600000000',
  },
  {
    id: 'ebay',
    simulator: (callbackUrl, clock) => createEbaySimulator({ clock, acceptUrl: callbackUrl }),
    env: (url) => ({
      KOPRU_PROVIDER_EBAY_BASE_URL: url,
      KOPRU_PROVIDER_EBAY_CLIENT_ID: ebayDemo.clientId,
      KOPRU_PROVIDER_EBAY_CLIENT_SECRET: ebayDemo.clientSecret,
      KOPRU_PROVIDER_EBAY_APP_RU_NAME: ebayDemo.ruName,
    }),
    form: {},
    firstOrderId: '12-00123-45670',
  },
  {
    id: 'etsy',
    simulator: (callbackUrl, clock) => createEtsySimulator({ clock, redirectUris: [callbackUrl], quota: unlimited }),
    env: (url) => ({ KOPRU_PROVIDER_ETSY_BASE_URL: url, KOPRU_PROVIDER_ETSY_CLIENT_ID: etsyDemo.keystring }),
    form: {},
    firstOrderId: '3100000000',
  },
  {
    id: 'amazon',
    simulator: (callbackUrl, clock) => createAmazonSimulator({ clock, redirectUris: [callbackUrl] }),
    env: (url) => ({
      KOPRU_PROVIDER_AMAZON_BASE_URL: url,
      KOPRU_PROVIDER_AMAZON_CLIENT_ID: amazonDemo.clientId,
      KOPRU_PROVIDER_AMAZON_CLIENT_SECRET: amazonDemo.clientSecret,
      KOPRU_PROVIDER_AMAZON_APP_APPLICATION_ID: amazonDemo.applicationId,
    }),
    form: {},
    firstOrderId: '110-1234567-7654321',
  },
]
