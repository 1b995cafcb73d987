import type { ProviderDefinition } from '../src/core/provider-kit/types.js'
import { hepsiburada } from './hepsiburada/index.js'
import { n11 } from './n11/index.js'
import { trendyol } from './trendyol/index.js'

/** The registry of built-in providers. */
export const providers: readonly ProviderDefinition[] = [trendyol, hepsiburada, n11]
