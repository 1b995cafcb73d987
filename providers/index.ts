import type { ProviderDefinition } from '../src/core/provider-kit/types.js'
import { aras } from './aras/index.js'
import { hepsiburada } from './hepsiburada/index.js'
import { mng } from './mng/index.js'
import { n11 } from './n11/index.js'
import { trendyol } from './trendyol/index.js'
import { yurtici } from './yurtici/index.js'

/** The registry of built-in providers: marketplaces, then carriers. */
export const providers: readonly ProviderDefinition[] = [trendyol, hepsiburada, n11, yurtici, aras, mng]
