import type { ProviderDefinition } from '../src/core/provider-kit/types.js'
import { aras } from './aras/index.js'
import { mng } from './mng/index.js'
import { trendyol } from './trendyol/index.js'
import { yurtici } from './yurtici/index.js'

/** The registry of built-in providers. */
export const providers: readonly ProviderDefinition[] = [
  trendyol,
  yurtici,
  aras,
  mng,
]
