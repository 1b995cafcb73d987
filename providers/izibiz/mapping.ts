/** İzibiz <-> unified: service paths, namespaces, status tables, fault codes. */
import { isoOrNull, parseProviderTime } from '../../src/core/provider-kit/index.js'
import type { InvoiceState, InvoiceStatus } from '../../src/models/index.js'
import type { ArchiveStatusAnswer, CheckUserAnswer, InvoiceStatusAnswer, ReadArchiveAnswer } from './wire.js'

/** Service endpoints below the host, as izibiz/api-documentation source/includes/ortak/_url.md lists them. */
/** Attributes İzibiz's messages carry data in (efatura/_sendinvoice.md, _getinvoicestatus.md); the rest are dropped. */
export const izibizAttributes = ['vkn', 'alias', 'ID', 'UUID']

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

function stateOf(uuid: string, kind: unknown, row: object, number: string | undefined, status: string, unified: InvoiceStatus, description: string | undefined): InvoiceState {
  return {
    id: uuid,
    status: unified,
    provider_status: status,
    number: number?.trim() || null,
    ettn: uuid,
    pdf_url: null,
    errors: unified === 'failed' ? [{ code: status, message: description || status, path: null }] : [],
    state: { kind },
    raw: row,
  }
}

/** GetEArchiveInvoiceStatus: the first INVOICE's HEADER (kopru asks for one UUID). */
export function archiveInvoiceState(uuid: string, kind: unknown, answer: ArchiveStatusAnswer): InvoiceState {
  const row = answer.INVOICE[0]!.HEADER
  return stateOf(uuid, kind, row, row.INVOICE_ID, row.STATUS, izibizArchiveStatusTable[row.STATUS]!, row.STATUS_DESC)
}

/** GetInvoiceStatus: the first INVOICE_STATUS row; its number is the row's `ID` attribute (efatura/_getinvoicestatus.md). */
export function eInvoiceState(uuid: string, kind: unknown, answer: InvoiceStatusAnswer): InvoiceState {
  const row = answer.INVOICE_STATUS[0]!
  return stateOf(uuid, kind, row, row['@_ID'], row.STATUS, izibizInvoiceStatusTable[row.STATUS]!, row.STATUS_DESCRIPTION)
}

/** CheckUser's REGISTER_TIME is Turkish local time without an offset ("2013-07-01T15:22:11", authentication/_checkuser.md). */
const turkeyTime = (value: string | undefined) => isoOrNull(parseProviderTime(value))

/** GİB's user list rows for a tax id: an e-Fatura user when there is one (authentication/_checkuser.md). */
export function toTaxIdLookup(taxId: string, users: NonNullable<CheckUserAnswer['USER']>) {
  return {
    tax_id: taxId,
    e_invoice_user: users.length > 0,
    name: users[0]?.TITLE?.trim() || null,
    aliases: users.map((user) => user.ALIAS),
    registered_at: turkeyTime(users[0]?.REGISTER_TIME),
  }
}

/** İzibiz hands the file itself, not a link: a data URL carries it. */
export const toInvoicePdf = (answer: ReadArchiveAnswer) => ({ url: `data:application/pdf;base64,${answer.INVOICE}`, expires_at: null })
