/** İzibiz <-> unified: service paths, namespaces, status tables, fault codes. */
import type { InvoiceStatus } from '../../src/models/index.js'

/** Service endpoints below the host, as in izibiz/api-documentation and the generated clients (eiarchive_ws). */
export const izibizServices = {
  auth: { path: '/AuthenticationWS', namespace: 'http://schemas.i2i.com/ei/wsdl' },
  archive: { path: '/EIArchiveWS/EFaturaArchive', namespace: 'http://schemas.i2i.com/ei/wsdl/archive' },
  invoice: { path: '/EInvoiceWS/EFaturaOIB', namespace: 'http://schemas.i2i.com/ei/wsdl' },
} as const

/** e-Arşiv and e-Fatura header STATUS values -> the invoice's status (unknown ones keep it `issuing`). */
export const izibizStatusTable: Record<string, InvoiceStatus> = {
  KUYRUKTA: 'issuing',
  ISLENIYOR: 'issuing',
  'IMZA BEKLIYOR': 'issuing',
  GONDERILDI: 'issuing',
  BASARILI: 'issued',
  RAPORLANDI: 'issued',
  'KABUL EDILDI': 'issued',
  HATA: 'failed',
  REDDEDILDI: 'failed',
  IPTAL: 'cancelled',
}

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
