/**
 * What SOAP carriers (Yurtiçi, Aras) share: one call that sends an operation and reads its answer through the
 * operation's wire schema with the carrier named as the source, the carrier's id and name on every error, a table
 * of result codes read as error kinds, and credential faults recognised from the fault text (the services answer
 * them as generic faults). The kit only says what a failure means; the problem code is decided by the
 * core mapper (`providerFailure`, provider-errors.ts) like every other provider failure. Each adapter keeps only
 * its own table.
 */
import type { z } from 'zod'
import type { ErrorKind, KopruError } from '../errors.js'
import { providerFailure } from '../provider-errors.js'
import { soapCall, type SoapCall, type SoapFault } from './soap.js'
import type { OperationContext } from './types.js'
import { readWire } from './wire.js'

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

/** A result row's meaning as an error kind; `provider` is a failure the carrier did not explain. */
const kindOfResult: Record<CarrierResult['kind'], ErrorKind | undefined> = {
  field: 'validation',
  auth: 'auth',
  not_found: 'not_found',
  duplicate: 'duplicate',
  conflict: 'conflict',
  provider: undefined,
}

export function soapCarrier({ id, name, notFound = 'shipment' }: { id: string; name: string; notFound?: string }) {
  const info = (code?: string, message?: string) => ({ id, code: code || undefined, message: message || undefined })
  const fail = (kind: ErrorKind | undefined, detail: string, details: { code?: string; message?: string; status?: number; path?: string } = {}) =>
    providerFailure({ id }, kind, detail, {
      code: details.code || undefined,
      message: details.message || undefined,
      status: details.status,
      fields: details.path ? [{ path: details.path, message: `${details.message} (${name} ${details.code})` }] : undefined,
    })

  const credentialsRejected = (code: string | undefined, message: string, which = '') =>
    fail('auth', `${name} rejected the connection's ${which ? `${which} ` : ''}credentials: ${message}`, { code, message })

  /** An answer (or a part of one) read through its wire schema; a mismatch is a 502 naming the carrier's field. */
  const read = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => readWire(schema, value, { provider: { id, name }, what })

  return {
    id,
    name,
    info,
    read,
    /** One SOAP call; `<operation>Response` is read through `wire` and handed back both raw and parsed. */
    async call<S extends z.ZodType>(ctx: OperationContext<any>, spec: SoapCall, wire: S) {
      const { result } = await soapCall(ctx, spec)
      return { result, answer: read(wire, result, `${spec.operation}Response`) }
    },
    credentialsRejected,
    /** A failure of the given kind (or, without one, unexplained) with the carrier's id, code and message. */
    fail,
    /** Whether a carrier's text blames the login. */
    blamesCredentials: (text: string) => CREDENTIAL_TEXT.test(text),
    /** A SOAP fault that blames the credentials (optionally only when `when(fault)` holds), else undefined. */
    credentialFault:
      (which = '', when: (fault: SoapFault) => boolean = () => true) =>
      (fault: SoapFault): KopruError | undefined =>
        when(fault) && CREDENTIAL_TEXT.test(fault.message) ? credentialsRejected(fault.code, fault.message, which) : undefined,
    /** A result row's code as an error of its kind. */
    failure(result: CarrierResult, { code, message, reference, operation }: CarrierFailure): KopruError {
      const kind = kindOfResult[result.kind]
      const said = `${message} (${code})`
      const detail = {
        field: () => `${name} refused the shipment: ${said}`,
        auth: () => `${name} rejected the connection's credentials: ${message}`,
        not_found: () => `${name} has no ${notFound} '${reference}'`,
        duplicate: () => `${name} refused ${operation} for '${reference}': ${said}`,
        conflict: () => `${name} refused ${operation} for '${reference}': ${said}`,
        provider: () => `${name} failed ${operation}: ${said}`,
      }[result.kind]()
      return fail(kind, detail, { code, message, path: result.kind === 'field' ? result.path : undefined })
    },
  }
}
