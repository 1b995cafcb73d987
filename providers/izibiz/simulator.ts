/**
 * A fake of İzibiz's SOAP services for the demo and the tests.
 *
 * Sources: github.com/izibiz/api-documentation (service list: AuthenticationWS Login / CheckUser, EIArchiveWS
 * WriteToArchiveExtended / GetEArchiveInvoiceStatus / ReadFromArchive / CancelEArchiveInvoice, EInvoiceWS
 * SendInvoice / GetInvoiceStatus; status codes from earsiv/_getearchivestatus.md and efatura/_getinvoicestatus.md); izibiz/izibiz-python-soap-client Archive.py (REQUEST_HEADER with SESSION_ID and
 * COMPRESSED, EARSIV_PROPERTIES with EARSIV_TYPE, SUB_STATUS, SERI, e-mail flags, INVOICE_CONTENT, answers with
 * REQUEST_RETURN/RETURN_CODE and INVOICE_ID, ReadFromArchive with INVOICE_ID, PORTAL_DIRECTION, PROFILE). GİB's
 * UBL-TR 1.2 rules for what the simulator checks in the document (ProfileID, ETTN uniqueness, numbering, VKN/TCKN,
 * tax office for a VKN, KDV rates). Fault codes and their wording, the status names and the session lifetime are
 * the simulator's own where the public material gives none.
 */
import { Hono, type Context } from 'hono'
import { buildSoapEnvelope, buildSoapFault, parseXmlFragment, readSoapRequest, soapText, type SoapValue } from '../../src/core/provider-kit/soap.js'
import { systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import { isValidTckn, isValidVkn, UNKNOWN_CONSUMER_TCKN } from '../../src/core/provider-kit/tax-id.js'
import { IZIBIZ_DUPLICATE_NUMBER, IZIBIZ_DUPLICATE_UUID, IZIBIZ_NOT_FOUND, IZIBIZ_SESSION_EXPIRED, IZIBIZ_VALIDATION, izibizAttributes, izibizServices } from './mapping.js'

export const izibizDemo = {
  username: 'izibiz-test2',
  password: 'izi321',
  supplier: {
    name: 'Kopru Demo Mağaza Ltd. Şti.',
    tax_id: '1234567816',
    tax_office: 'Ümraniye',
    address: { line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
  },
  /** GİB's e-Fatura users as İzibiz serves them. */
  users: [
    { identifier: '1234567808', alias: 'urn:mail:defaultpk@ornek-ticaret.com.tr', title: 'Örnek Ticaret A.Ş.' },
    { identifier: '1234567816', alias: 'urn:mail:defaultpk@kopru-demo.com.tr', title: 'Kopru Demo Mağaza Ltd. Şti.' },
  ],
}

interface SimDocument {
  uuid: string
  kind: 'e_arsiv' | 'e_fatura'
  number: string
  readyAt: number
  cancelled: boolean
  xml: string
}

export interface IzibizSimulatorOptions {
  clock?: SimulatorClock
  /** How long GİB reporting takes. */
  issueDelayMs?: number
  sessionTtlMs?: number
}

const RATES = ['0', '1', '10', '20']

export function createIzibizSimulator(options: IzibizSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const issueDelayMs = options.issueDelayMs ?? 4_000
  const sessionTtlMs = options.sessionTtlMs ?? 30 * 60_000
  const sessions = new Map<string, number>()
  const documents = new Map<string, SimDocument>()
  const sequences = new Map<string, number>()
  const control = { dropNextAnswers: 0, expireSessions: () => sessions.clear() }
  const stats = { logins: 0, writes: 0 }

  const xml = (c: Context, operation: string, namespace: string, content: Record<string, SoapValue>) =>
    c.body(buildSoapEnvelope({ namespace, operation: `${operation}Response`, params: { REQUEST_RETURN: { RETURN_CODE: 0 }, ...content } }), 200, { 'content-type': 'text/xml; charset=utf-8' })
  const fault = (c: Context, code: string, message: string, element = '') =>
    c.body(buildSoapFault({ code: 'soap:Server', message, detail: { RequestFault: { ERROR_CODE: code, ERROR_SHORT_DES: element, ERROR_LONG_DES: message } } }), 500, { 'content-type': 'text/xml; charset=utf-8' })

  function sessionOk(params: Record<string, unknown>): boolean {
    const id = soapText(params.REQUEST_HEADER, 'SESSION_ID')
    const until = sessions.get(id)
    return until !== undefined && until > clock.now()
  }

  /** Checks a UBL-TR document the way İzibiz's validation does; returns a fault or the document's facts. */
  function check(c: Context, content: string, kind: SimDocument['kind']) {
    const text = new TextDecoder().decode(Uint8Array.from(atob(content), (ch) => ch.charCodeAt(0)))
    const doc = parseXmlFragment(text, ['InvoiceLine', 'TaxSubtotal'])?.Invoice as Record<string, any> | undefined
    if (!doc) return { error: fault(c, IZIBIZ_VALIDATION, 'Belge UBL-TR şemasına uygun değil', 'Invoice') }
    const profile = String(doc.ProfileID)
    if ((kind === 'e_arsiv') !== (profile === 'EARSIVFATURA')) return { error: fault(c, IZIBIZ_VALIDATION, `ProfileID ${profile} bu servisle gönderilemez`, 'ProfileID') }
    const buyer = doc.AccountingCustomerParty?.Party ?? {}
    const taxId = String(buyer.PartyIdentification?.ID ?? '')
    const valid = taxId === UNKNOWN_CONSUMER_TCKN || (taxId.length === 10 ? isValidVkn(taxId) : isValidTckn(taxId))
    if (!valid) return { error: fault(c, IZIBIZ_VALIDATION, 'Alıcı VKN/TCKN geçersiz', 'PartyIdentification') }
    if (taxId.length === 10 && !buyer.PartyTaxScheme) return { error: fault(c, IZIBIZ_VALIDATION, 'VKN ile alıcıda vergi dairesi zorunludur', 'PartyTaxScheme') }
    const percents = (doc.TaxTotal?.TaxSubtotal ?? []).map((s: any) => String(s.Percent))
    if (percents.some((p: string) => !RATES.includes(p))) return { error: fault(c, IZIBIZ_VALIDATION, 'KDV oranı geçersiz', 'Percent') }
    const uuid = String(doc.UUID)
    if (documents.has(uuid)) return { error: fault(c, IZIBIZ_DUPLICATE_UUID, 'Bu ETTN ile daha önce belge gönderilmiş') }
    return { uuid, id: String(doc.ID), year: String(doc.IssueDate).slice(0, 4), text }
  }

  function store(c: Context, facts: { uuid: string; id: string; year: string; text: string }, kind: SimDocument['kind'], series: string) {
    let number = facts.id
    if (/0{9}$/.test(number)) {
      const key = `${series}${facts.year}`
      const next = (sequences.get(key) ?? 0) + 1
      sequences.set(key, next)
      number = `${key}${String(next).padStart(9, '0')}`
    } else if ([...documents.values()].some((d) => d.number === number)) {
      return fault(c, IZIBIZ_DUPLICATE_NUMBER, `${number} numaralı belge daha önce gönderilmiş`)
    }
    documents.set(facts.uuid, { uuid: facts.uuid, kind, number, readyAt: clock.now() + issueDelayMs, cancelled: false, xml: facts.text })
    return null
  }

  const statusOf = (d: SimDocument) => {
    // earsiv/_getearchivestatus.md: 100 queued, 130 reported, 150 cancelled; efatura/_getinvoicestatus.md: 101 queued, 137 sent.
    if (d.cancelled) return '150'
    if (d.kind === 'e_arsiv') return d.readyAt > clock.now() ? '100' : '130'
    return d.readyAt > clock.now() ? '101' : '137'
  }

  const handlers: Record<string, (c: Context, params: Record<string, any>, ns: string) => Response> = {
    Login(c, params, ns) {
      if (soapText(params, 'USER_NAME') !== izibizDemo.username || soapText(params, 'PASSWORD') !== izibizDemo.password) {
        return fault(c, '10001', 'Kullanıcı adı veya şifre hatalı')
      }
      stats.logins++
      const session = crypto.randomUUID()
      sessions.set(session, clock.now() + sessionTtlMs)
      return xml(c, 'Login', ns, { SESSION_ID: session })
    },
    CheckUser(c, params, ns) {
      const identifier = soapText(params.USER, 'IDENTIFIER')
      const users = izibizDemo.users.filter((u) => u.identifier === identifier)
      if (soapText(params, 'DOCUMENT_TYPE') !== 'INVOICE' && soapText(params, 'DOCUMENT_TYPE') !== 'DESPATCHADVICE') return fault(c, '10000', 'DOCUMENT_TYPE zorunludur')
      // The docs show only a listed user's answer; an unlisted one gets the leanest answer kopru must read: an empty
      // element [U]. kopru reads it as "not an e-Fatura user" (e-Arşiv), never as a broken answer.
      if (users.length === 0) return c.body(buildSoapEnvelope({ namespace: ns, operation: 'CheckUserResponse', params: {} }), 200, { 'content-type': 'text/xml; charset=utf-8' })
      return xml(c, 'CheckUser', ns, { USER: users.map((u) => ({ IDENTIFIER: u.identifier, ALIAS: u.alias, TITLE: u.title, TYPE: 'OZEL', UNIT: 'PK', REGISTER_TIME: '2020-01-02T00:00:00' })) })
    },
    WriteToArchiveExtended(c, params, ns) {
      const props = params.ArchiveInvoiceExtendedContent?.INVOICE_PROPERTIES ?? {}
      const facts = check(c, soapText(props, 'INVOICE_CONTENT'), 'e_arsiv')
      if ('error' in facts) return facts.error!
      const refused = store(c, facts, 'e_arsiv', soapText(props.EARSIV_PROPERTIES, 'SERI') || 'KPR')
      if (refused) return refused
      stats.writes++
      if (control.dropNextAnswers > 0) {
        control.dropNextAnswers--
        return c.text('<html>502 Bad Gateway</html>', 502)
      }
      return xml(c, 'WriteToArchiveExtended', ns, { INVOICE_ID: documents.get(facts.uuid)!.number })
    },
    SendInvoice(c, params, ns) {
      // efatura/_sendinvoice.md: SENDER and RECEIVER carry `vkn` and `alias` as attributes. Both are optional; one sent
      // without them is refused here [U] (the documented fallbacks are for an absent element).
      for (const party of ['SENDER', 'RECEIVER']) {
        if (params[party] !== undefined && (!soapText(params[party], '@_vkn') || !soapText(params[party], '@_alias'))) {
          return fault(c, IZIBIZ_VALIDATION, `${party} elemanında vkn ve alias attribute zorunludur`, party)
        }
      }
      const receiver = params.RECEIVER ?? {}
      if (!izibizDemo.users.some((u) => u.identifier === soapText(receiver, '@_vkn') && u.alias === soapText(receiver, '@_alias'))) {
        return fault(c, IZIBIZ_VALIDATION, 'Alıcı e-Fatura posta kutusu bulunamadı', 'RECEIVER')
      }
      const facts = check(c, soapText(params.INVOICE, 'CONTENT'), 'e_fatura')
      if ('error' in facts) return facts.error!
      const refused = store(c, facts, 'e_fatura', 'KPR')
      if (refused) return refused
      stats.writes++
      return xml(c, 'SendInvoice', ns, {})
    },
    GetEArchiveInvoiceStatus(c, params, ns) {
      const d = documents.get(soapText(params, 'UUID'))
      if (!d || d.kind !== 'e_arsiv') return fault(c, IZIBIZ_NOT_FOUND, 'Belge bulunamadı')
      return xml(c, 'GetEArchiveInvoiceStatus', ns, { INVOICE: { HEADER: { UUID: d.uuid, INVOICE_ID: d.number, PROFILE: 'EARSIVFATURA', STATUS: statusOf(d), STATUS_DESC: statusOf(d) === '130' ? 'RAPORLANDI' : 'KUYRUĞA EKLENDİ' } } })
    },
    GetInvoiceStatus(c, params, ns) {
      // efatura/_getinvoicestatus.md: INVOICE.UUID or INVOICE.ID asks (attributes, as in every public client); the
      // answer's INVOICE_STATUS carries the number and the ETTN as its `ID` and `UUID` attributes.
      const uuid = soapText(params.INVOICE, '@_UUID')
      const d = uuid ? documents.get(uuid) : [...documents.values()].find((doc) => doc.number === soapText(params.INVOICE, '@_ID'))
      if (!d || d.kind !== 'e_fatura') return fault(c, IZIBIZ_NOT_FOUND, 'Belge bulunamadı')
      const status = statusOf(d)
      return xml(c, 'GetInvoiceStatus', ns, { INVOICE_STATUS: { '@_ID': d.number, '@_UUID': d.uuid, STATUS: status, STATUS_DESCRIPTION: status === '137' ? 'GÖNDERİLDİ' : 'KUYRUĞA EKLENDİ' } })
    },
    ReadFromArchive(c, params, ns) {
      const d = documents.get(soapText(params, 'INVOICE_ID'))
      if (!d || statusOf(d) === '100') return fault(c, IZIBIZ_NOT_FOUND, 'Belge bulunamadı')
      return xml(c, 'ReadFromArchive', ns, { INVOICE: btoa(`%PDF-1.4\n% e-Arsiv ${d.number}\n%%EOF\n`) })
    },
    CancelEArchiveInvoice(c, params, ns) {
      const d = documents.get(soapText(params.CancelEArsivInvoiceContent, 'FATURA_UUID'))
      if (!d) return fault(c, IZIBIZ_NOT_FOUND, 'İptal edilecek belge bulunamadı')
      d.cancelled = true
      return xml(c, 'CancelEArchiveInvoice', ns, {})
    },
  }

  const app = new Hono()
  for (const service of Object.values(izibizServices)) {
    app.post(service.path, async (c) => {
      const parsed = readSoapRequest(await c.req.text(), [], { attributes: izibizAttributes })
      if (!parsed.ok) return fault(c, '10000', `Geçersiz istek: ${parsed.reason}`)
      const handler = handlers[parsed.operation]
      if (!handler) return fault(c, '10000', `Bilinmeyen işlem ${parsed.operation}`)
      if (parsed.operation !== 'Login' && !sessionOk(parsed.params)) return fault(c, IZIBIZ_SESSION_EXPIRED, 'Oturum geçersiz veya süresi dolmuş')
      return handler(c, parsed.params, service.namespace)
    })
  }

  return {
    app,
    control,
    stats,
    documents,
    demo: { credentials: { username: izibizDemo.username, password: izibizDemo.password }, settings: { supplier: izibizDemo.supplier, series: 'KPR' } },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type IzibizSimulator = ReturnType<typeof createIzibizSimulator>
