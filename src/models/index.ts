export * from './common.js'
export * from './order.js'
export * from './product.js'
export * from './problem.js'
