/** `kopru/providers`: the built-in providers, the registry, and the kit to define your own provider. */
export { providers } from '../providers/index.js'
export { createRegistry } from './core/registry.js'
export * from './core/provider-kit/index.js'
