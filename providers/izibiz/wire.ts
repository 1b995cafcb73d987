/**
 * İzibiz's SOAP answers as they arrive (fast-xml-parser, namespace prefixes dropped, every leaf a string, repeated
 * rows as arrays), from izibiz/api-documentation (source/includes: authentication/_login.md, _checkuser.md,
 * earsiv/_getearchivestatus.md, _readfromarchive.md, efatura/_getinvoicestatus.md, ortak/_response.md). Lenient
 * where İzibiz is (optional leaves, unknown elements kept), strict where kopru depends on a value.
 */
import { z } from 'zod'
import { readWire, type WireSource } from '../../src/core/provider-kit/index.js'
import { izibizArchiveStatusTable, izibizInvoiceStatusTable } from './mapping.js'

const text = z.string()
const leaf = text.optional()
const required = text.trim().min(1, 'missing')
const oneOf = (table: Record<string, unknown>) => text.trim().refine((value) => Object.hasOwn(table, value), { message: 'not a status kopru knows' })

/** `REQUEST_RETURN.RETURN_CODE` is `0` on success (ortak/_response.md). */
const requestReturn = z.looseObject({ RETURN_CODE: z.literal('0'), INTL_TXN_ID: leaf })

export const loginAnswer = z.looseObject({ SESSION_ID: required })

/** A failure İzibiz answers inside a normal (HTTP 200) response: `ERROR_TYPE` instead of `REQUEST_RETURN` (ortak/_response.md). */
export const errorTypeAnswer = z.looseObject({ ERROR_TYPE: z.looseObject({ ERROR_CODE: leaf, ERROR_SHORT_DESC: leaf, ERROR_LONG_DESC: leaf, INTL_TXN_ID: leaf }) })

export const checkUserAnswer = z.looseObject({
  USER: z
    .array(z.looseObject({ IDENTIFIER: required, ALIAS: required, TITLE: leaf, TYPE: leaf, UNIT: leaf, REGISTER_TIME: leaf }))
    .optional(),
})

export const writeAnswer = z.looseObject({ REQUEST_RETURN: requestReturn, INVOICE_ID: leaf })

export const archiveStatusAnswer = z.looseObject({
  INVOICE: z
    .array(z.looseObject({ HEADER: z.looseObject({ UUID: leaf, INVOICE_ID: leaf, STATUS: oneOf(izibizArchiveStatusTable), STATUS_DESC: leaf }) }))
    .min(1, 'no INVOICE row'),
})

export const invoiceStatusAnswer = z.looseObject({
  INVOICE_STATUS: z
    .array(z.looseObject({ '@_ID': leaf, '@_UUID': leaf, STATUS: oneOf(izibizInvoiceStatusTable), STATUS_DESCRIPTION: leaf, GIB_STATUS_CODE: leaf }))
    .min(1, 'no INVOICE_STATUS row'),
})

/** INVOICE is xs:base64Binary (earsiv/_readfromarchive.md), whose lexical form allows whitespace and line breaks. */
export const readArchiveAnswer = z.looseObject({
  INVOICE: text.transform((value) => value.replace(/\s+/g, '')).pipe(z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64')),
})

export type CheckUserAnswer = z.output<typeof checkUserAnswer>
export type ArchiveStatusAnswer = z.output<typeof archiveStatusAnswer>
export type InvoiceStatusAnswer = z.output<typeof invoiceStatusAnswer>
export type ReadArchiveAnswer = z.output<typeof readArchiveAnswer>

/** Every repeated element the schemas above read as an array. */
export const izibizArrays = ['USER', 'INVOICE', 'INVOICE_STATUS']

export const izibizWire = (operation: string): WireSource => ({ provider: { id: 'izibiz', name: 'İzibiz' }, what: operation })
export const readIzibiz = <S extends z.ZodType>(schema: S, operation: string, result: unknown): z.output<S> => readWire(schema, result, izibizWire(operation))
