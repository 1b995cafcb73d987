/**
 * MNG's JSON answers as they arrive, from the public clients and OpenAPI notes cited in simulator.ts: single
 * objects usually wrapped in an array, lenient where MNG is (extra fields kept, optional texts), strict where
 * kopru depends on a value (ids, status codes, times, amounts). Parsed values are typed by types.ts.
 */
import { z } from 'zod'
import { parseProviderTime } from '../../src/core/provider-kit/index.js'

const id = z.union([z.string().min(1), z.number().int()]).transform(String)
const count = z.number().finite()
/** Amounts become decimal strings: a value toFixed() writes in exponent form would not be one. */
const amount = z.number().finite().nonnegative().lt(1e12, 'an amount below 10^12')
const flag = z.union([z.literal(0), z.literal(1)])
const text = z.string()
const localTime = z.string().refine((value) => parseProviderTime(value) !== null, 'a time MNG writes as dd.MM.yyyy HH:mm:ss or ISO')
const optionalTime = z.union([localTime, z.literal('')]).nullable().optional()

/** MNG wraps single objects in an array; either form is read, the first element counts. */
export const single = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (Array.isArray(value) ? value[0] : value), schema)

export const mngTokenWire = z.looseObject({ jwt: z.string().min(1, 'a JWT'), jwtExpireDate: optionalTime })
export const mngCreateOrderWire = z.looseObject({ referenceId: z.string().min(1) })
export const mngBarcodeWire = z.looseObject({
  referenceId: text.optional(),
  shipmentId: id,
  barcodes: z.array(z.looseObject({ pieceNumber: count.optional(), barcode: text.optional(), value: text })),
})

const piece = z.looseObject({ barcode: text.optional(), desi: count, kg: count, content: text.optional() })
export const mngOrderWire = z.looseObject({
  referenceId: z.string().min(1),
  orderStatus: text,
  isCOD: flag.optional(),
  codAmount: amount.optional(),
  createDate: optionalTime,
  recipient: z.looseObject({ fullName: text, address: text, mobilePhoneNumber: text.optional(), email: text.nullable().optional(), cityName: text.optional(), districtName: text.optional() }),
  orderPieceList: z.array(piece),
})

export const mngShipmentWire = z.looseObject({
  referenceId: text.optional(),
  shipmentId: id,
  shipmentStatusCode: z.union([count, z.string().regex(/^\d+$/)]),
  shipmentStatus: text.optional(),
  isCancelled: flag.optional(),
  isDelivered: flag.optional(),
  estimatedDeliveryDate: optionalTime,
  deliveryDate: optionalTime,
})

export const mngTrackEventsWire = z.array(
  z.looseObject({
    eventSequence: count,
    eventStatusCode: z.union([count, z.string().regex(/^\d+$/)]),
    eventStatus: text,
    eventDateTime: localTime,
    location: text.optional(),
    locationCity: text.optional(),
    locationTown: text.optional(),
  }),
)

export const mngCalculateWire = z.looseObject({ finalTotal: amount, estimatedDeliveryDays: count.optional() })
export const mngCitiesWire = z.array(z.looseObject({ code: id, name: z.string().min(1) }))
export const mngDistrictsWire = z.array(z.looseObject({ code: id, name: z.string().min(1) }))
