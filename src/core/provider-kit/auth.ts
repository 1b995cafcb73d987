import { bytesToBase64, utf8 } from '../encoding.js'

export const basicAuthorization = (user: string, password: string): string =>
  `Basic ${bytesToBase64(utf8.encode(`${user}:${password}`))}`
