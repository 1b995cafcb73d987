/** The Admin REST API version kopru speaks, and paths below it. */
export const SHOPIFY_API_VERSION = '2025-10'
export const api = (path: string) => `/admin/api/${SHOPIFY_API_VERSION}${path}`
