/** `f(deps, ...rest)` as `(...rest)`: how a service object exposes functions that take their dependencies explicitly. */
export type WithoutDeps<D, F> = F extends (deps: D, ...rest: infer R) => infer T ? (...rest: R) => T : never

export const bindDeps = <D, F extends (deps: D, ...rest: never[]) => unknown>(deps: D, f: F) =>
  ((...rest: never[]) => f(deps, ...rest)) as WithoutDeps<D, F>
