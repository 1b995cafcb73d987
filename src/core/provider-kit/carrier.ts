/**
 * What SOAP carriers (Yurtiçi, Aras) share once their answer is read: the carrier's id and name on every error,
 * a table of result codes turned into the gateway's errors by one function, and credential faults recognised
 * from the fault text (the services answer them as generic faults). Each adapter keeps only its own table.
 */
import { KopruError } from '../errors.js'
import type { SoapFault } from './soap.js'

/** What a carrier result code means for the client. */
export type CarrierResult =
  | { kind: 'field'; path: string }
  | { kind: 'auth' }
  | { kind: 'not_found' }
  /** The reference already exists at the carrier (usually kopru's own earlier create): the gateway reconciles. */
  | { kind: 'duplicate' }
  | { kind: 'conflict' }
  | { kind: 'provider' }

export interface CarrierFailure {
  code: string
  message: string
  reference: string
  operation: string
}

/** Fault texts that blame the login (Turkish and English services). */
const CREDENTIAL_TEXT = /şifre|sifre|password|kullanıcı adı|kullanici adi|user ?name/i

export function soapCarrier({ id, name, notFound = 'shipment' }: { id: string; name: string; notFound?: string }) {
  const info = (code?: string, message?: string) => ({ id, code: code || undefined, message: message || undefined })

  const credentialsRejected = (code: string | undefined, message: string, which = '') =>
    new KopruError('provider_error', `${name} rejected the connection's ${which ? `${which} ` : ''}credentials: ${message}`, {
      provider: info(code, message),
      kind: 'auth',
    })

  return {
    id,
    name,
    info,
    credentialsRejected,
    /** Whether a carrier's text blames the login. */
    blamesCredentials: (text: string) => CREDENTIAL_TEXT.test(text),
    /** A SOAP fault that blames the credentials (optionally only when `when(fault)` holds), else undefined. */
    credentialFault:
      (which = '', when: (fault: SoapFault) => boolean = () => true) =>
      (fault: SoapFault): KopruError | undefined =>
        when(fault) && CREDENTIAL_TEXT.test(fault.message) ? credentialsRejected(fault.code, fault.message, which) : undefined,
    /** A result row's code as the gateway's error. */
    failure(result: CarrierResult, { code, message, reference, operation }: CarrierFailure): KopruError {
      const provider = info(code, message)
      const said = `${message} (${code})`
      switch (result.kind) {
        case 'field':
          return new KopruError('invalid_request', `${name} refused the shipment: ${said}`, {
            provider,
            errors: [{ path: result.path, message: `${message} (${name} ${code})` }],
          })
        case 'auth':
          return credentialsRejected(code, message)
        case 'not_found':
          return new KopruError('not_found', `${name} has no ${notFound} '${reference}'`, { provider })
        case 'duplicate':
          return new KopruError('conflict', `${name} refused ${operation} for '${reference}': ${said}`, { provider, kind: 'duplicate' })
        case 'conflict':
          return new KopruError('conflict', `${name} refused ${operation} for '${reference}': ${said}`, { provider })
        default:
          return new KopruError('provider_error', `${name} failed ${operation}: ${said}`, { provider })
      }
    },
  }
}
