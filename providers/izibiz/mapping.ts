/** İzibiz <-> unified: service paths, namespaces, status tables, fault codes. */
import type { InvoiceStatus } from '../../src/models/index.js'

/** Service endpoints below the host, as izibiz/api-documentation source/includes/ortak/_url.md lists them. */
export const izibizServices = {
  auth: { path: '/AuthenticationWS', namespace: 'http://schemas.i2i.com/ei/wsdl' },
  archive: { path: '/EIArchiveWS/EFaturaArchive', namespace: 'http://schemas.i2i.com/ei/wsdl/archive' },
  // ortak/_url.md lists the e-Fatura service at /EInvoiceWS (its WSDL at /EInvoiceWS?wsdl).
  invoice: { path: '/EInvoiceWS', namespace: 'http://schemas.i2i.com/ei/wsdl' },
} as const

/**
 * e-Arşiv `HEADER.STATUS` codes (earsiv/_getearchivestatus.md, "E-Arşiv Durumları"): 100 queued, 105 draft, 110
 * processing, 120 to be reported (signed and numbered: the invoice is valid, GİB's report follows), 130 reported,
 * 150 cancelled before reporting, 200 invoice id not found.
 */
export const izibizArchiveStatusTable: Record<string, InvoiceStatus> = {
  '100': 'issuing',
  '105': 'issuing',
  '110': 'issuing',
  '120': 'issued',
  '130': 'issued',
  '150': 'cancelled',
  '200': 'failed',
}

/**
 * e-Fatura `INVOICE_STATUS.STATUS` (efatura/_getinvoicestatus.md, "Giden Fatura Durumları"). The page lists codes
 * with their STATUS_SUBSTATUS names; which of the two arrives in STATUS is not shown, so both are read [U].
 */
const outgoing: [string, string, InvoiceStatus][] = [
  ['100', 'LOAD_SUCCEED', 'issuing'],
  ['101', 'LOAD_SUCCEED', 'issuing'],
  ['102', 'LOAD_PROCESSING', 'issuing'],
  ['103', 'PACKAGE_PROCESSING', 'issuing'],
  ['104', 'PACKAGE_SUCCEED', 'issuing'],
  ['105', 'PACKAGE_FAILED', 'issuing'],
  ['106', 'SIGN_PROCESSING', 'issuing'],
  ['107', 'SIGN_SUCCEED', 'issuing'],
  ['109', 'SEND_WAIT_GIB_RESPONSE', 'issuing'],
  ['110', 'SEND_WAIT_SYSTEM_RESPONSE', 'issuing'],
  ['111', 'SEND_WAIT_APPLICATION_RESPONSE', 'issued'],
  ['112', 'ACCEPTED_SUCCEED', 'issued'],
  ['117', 'REJECTED_WAIT_SYSTEM_RESPONSE', 'failed'],
  ['120', 'REJECTED_SUCCEED', 'failed'],
  ['134', 'SEND_TIMEOUT', 'issuing'],
  ['135', 'SEND_PROCESSING', 'issuing'],
  ['136', 'SEND_FAILED', 'failed'],
  ['137', 'SEND_SUCCEED', 'issued'],
  ['139', 'AUTO_FAILED', 'failed'],
  ['140', 'LOAD_ID_ASSIGNED', 'issuing'],
  ['141', 'LOAD_WAIT_ID_ASSIGNED', 'issuing'],
]
export const izibizInvoiceStatusTable: Record<string, InvoiceStatus> = Object.fromEntries(outgoing.flatMap(([code, name, status]) => [[code, status], [name, status]]))

/** İzibiz fault codes kopru acts on. */
export const IZIBIZ_SESSION_EXPIRED = '10002'
export const IZIBIZ_DUPLICATE_UUID = '20011'
export const IZIBIZ_DUPLICATE_NUMBER = '20012'
/** Schema/business validation of the UBL document (İzibiz's `ERROR_SHORT_DES` names the element). */
export const IZIBIZ_VALIDATION = '20004'
/** No document with this UUID. */
export const IZIBIZ_NOT_FOUND = '20007'

/** The UBL element İzibiz names in a validation fault -> kopru's request field. */
export const izibizElementTable: Record<string, string> = {
  PartyIdentification: 'body.buyer.tax_id',
  PartyTaxScheme: 'body.buyer.tax_office',
  Percent: 'body.lines',
  DocumentCurrencyCode: 'body.currency',
  IssueDate: 'body.issue_date',
}
