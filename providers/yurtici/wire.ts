/**
 * Yurtiçi's answers as they arrive (SOAP, parsed with every leaf kept a string; repeated rows as arrays), from
 * the WSDL types (ShippingOrderResultVO, ShippingDeliveryVO, ShippingDeliveryDetailVO,
 * ShipmentDeliveryItemDetailVO, InvDocCargoVO) and captured answers. Lenient where Yurtiçi is (optional leaves,
 * unknown elements kept), strict where kopru depends on a value: row keys, dates and times.
 */
import { z } from 'zod'
import { parseProviderTime } from '../../src/core/provider-kit/index.js'

const text = z.string()
const leaf = text.optional()
/** An element that may come back empty (`<x/>` parses as ''). */
const orEmpty = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal('')])
const yyyymmdd = text.regex(/^\d{8}$/, 'a date as YYYYMMDD').refine((value) => parseProviderTime(value) !== null, 'a calendar date')
const hhmmss = text
  .regex(/^\d{1,6}$/, 'a time as HHMMSS')
  .refine((value) => parseProviderTime(`20000101${value.padStart(6, '0')}`) !== null, 'a time of day')

export const yurticiEventWire = z.looseObject({
  eventId: leaf,
  eventName: leaf,
  reasonId: leaf,
  reasonName: leaf,
  eventDate: yyyymmdd,
  eventTime: orEmpty(hhmmss).optional(),
  cityName: leaf,
  townName: leaf,
  unitName: leaf,
})

export const yurticiItemWire = z.looseObject({
  docId: leaf,
  cargoEventId: leaf,
  cargoReasonId: leaf,
  rejectStatus: leaf,
  returnStatus: leaf,
  documentDate: orEmpty(yyyymmdd).optional(),
  documentTime: orEmpty(hhmmss).optional(),
  estimatedDeliveryDate: orEmpty(yyyymmdd).optional(),
  estimatedDeliveryTime: orEmpty(hhmmss).optional(),
  totalKg: leaf,
  totalDesi: leaf,
  trackingUrl: leaf,
  invDocCargoVOArray: z.array(yurticiEventWire).optional(),
})

const rowFields = { cargoKey: leaf, errCode: leaf, errMessage: leaf }

export const yurticiDeliveryDetailWire = z.looseObject({
  ...rowFields,
  docId: leaf,
  operationStatus: leaf,
  operationCode: leaf,
  operationMessage: leaf,
  shippingDeliveryItemDetailVO: orEmpty(yurticiItemWire).optional(),
})

const resultFields = { outFlag: leaf, outResult: leaf, errCode: leaf, errMessage: leaf, count: leaf }

/** `<createShipmentResponse>` and `<cancelShipmentResponse>`: ShippingOrderResultVO with its rows. */
export const yurticiOrderResultWire = z.looseObject({
  ShippingOrderResultVO: z.looseObject({
    ...resultFields,
    shippingOrderDetailVO: z.array(z.looseObject(rowFields)).optional(),
    shippingCancelDetailVO: z.array(z.looseObject({ ...rowFields, docId: leaf, operationStatus: leaf, operationCode: leaf, operationMessage: leaf })).optional(),
  }),
})

/** `<queryShipmentResponse>`: ShippingDeliveryVO with one detail row per key. */
export const yurticiQueryResultWire = z.looseObject({
  ShippingDeliveryVO: z.looseObject({ ...resultFields, shippingDeliveryDetailVO: z.array(yurticiDeliveryDetailWire).optional() }),
})
