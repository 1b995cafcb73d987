import type { ProviderDefinition } from '../src/core/provider-kit/types.js'
import { amazon } from './amazon/index.js'
import { ebay } from './ebay/index.js'
import { etsy } from './etsy/index.js'
import { shopify } from './shopify/index.js'
import { trendyol } from './trendyol/index.js'

/** The registry of built-in providers. */
export const providers: readonly ProviderDefinition[] = [trendyol, shopify, ebay, etsy, amazon]
