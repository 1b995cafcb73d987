import type { ProviderDefinition } from '../src/core/provider-kit/types.js'
import { amazon } from './amazon/index.js'
import { aras } from './aras/index.js'
import { ebay } from './ebay/index.js'
import { etsy } from './etsy/index.js'
import { hepsiburada } from './hepsiburada/index.js'
import { mng } from './mng/index.js'
import { izibiz } from './izibiz/index.js'
import { n11 } from './n11/index.js'
import { parasut } from './parasut/index.js'
import { shopify } from './shopify/index.js'
import { trendyol } from './trendyol/index.js'
import { yurtici } from './yurtici/index.js'

/** The registry of built-in providers: Turkish marketplaces, global marketplaces, carriers, then accounting. */
export const providers: readonly ProviderDefinition[] = [trendyol, hepsiburada, n11, shopify, ebay, etsy, amazon, yurtici, aras, mng, parasut, izibiz]
