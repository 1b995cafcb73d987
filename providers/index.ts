import type { ProviderDefinition } from '../src/core/provider-kit/types.js'
import { etsy } from './etsy/index.js'
import { trendyol } from './trendyol/index.js'

/** The registry of built-in providers. */
export const providers: readonly ProviderDefinition[] = [trendyol, etsy]
