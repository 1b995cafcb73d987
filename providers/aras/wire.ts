/**
 * Aras' answers as they arrive: the order service's SOAP results (leaves kept as strings) and the query
 * service's JSON text (`{"QueryResult":{"Cargo":[…]}}` / `CargoTransaction` for movements), from the Sevkiyat and
 * Müşteri Bilgi Sorgulama PDFs and clients reading them. Values the PDFs show as numbers may come as either.
 */
import { z } from 'zod'
import { parseProviderTime } from '../../src/core/provider-kit/index.js'

const leaf = z.string().optional()
const orEmpty = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal('')])
const scalar = z.union([z.string(), z.number()]).nullable().optional()
const localTime = z.string().refine((value) => parseProviderTime(value) !== null, 'a time as dd.MM.yyyy HH:mm:ss (Istanbul)')
const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([z.array(schema), schema])

export const arasCargoWire = z.looseObject({
  MUSTERI_OZEL_KODU: scalar,
  KARGO_TAKIP_NO: scalar,
  DURUM_KODU: scalar,
  DURUMU: scalar,
  DEVIR_KODU: scalar,
  TIP_KODU: scalar,
  ALICI: scalar,
  IL: scalar,
  ILCE: scalar,
  GONDERI_TARIHI: orEmpty(localTime).nullable().optional(),
})

export const arasMovementWire = z.looseObject({
  ISLEM_TARIHI: localTime,
  ISLEM: scalar,
  DURUM_KODU: scalar,
  DURUMU: scalar,
  BIRIM: scalar,
  IL: scalar,
  ILCE: scalar,
})

/** GetQueryJSONResponse: its one child is the query's answer as JSON text. */
export const arasQueryResponseWire = z.looseObject({ GetQueryJSONResult: leaf })

/** The JSON text of GetQueryJSONResult, once parsed. */
export const arasQueryWire = z.looseObject({
  QueryResult: z
    .union([
      z.looseObject({ Cargo: oneOrMany(arasCargoWire).nullable().optional(), CargoTransaction: oneOrMany(arasMovementWire).nullable().optional() }),
      z.literal(''),
    ])
    .nullable()
    .optional(),
})

const resultRow = z.looseObject({ ResultCode: z.string().min(1, 'a ResultCode'), ResultMessage: leaf, InvoiceKey: leaf })

export const arasSetOrderWire = z.looseObject({ SetOrderResult: z.looseObject({ OrderResultInfo: z.array(resultRow).min(1, 'at least one OrderResultInfo') }) })
export const arasCancelWire = z.looseObject({ CancelDispatchResult: resultRow })
export const arasOrderWire = z.looseObject({
  GetOrderWithIntegrationCodeResult: orEmpty(z.looseObject({ Order: z.array(z.looseObject({ IntegrationCode: leaf })).optional() })).optional(),
})
