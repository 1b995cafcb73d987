/** MNG Kargo API Zone wire shapes (see simulator.ts for sources). */

export interface MngCredentials {
  /** IBM API Connect application of the integrator: sent as X-IBM-Client-Id / X-IBM-Client-Secret. */
  client_id: string
  client_secret: string
  /** MNG customer account (müşteri numarası) and its API password, exchanged at /token for a JWT. */
  customer_number: string
  password: string
}

export interface MngToken {
  jwt: string
  refreshToken: string
  /** Turkish local time, `dd.MM.yyyy HH:mm:ss`. */
  jwtExpireDate: string
  refreshTokenExpireDate: string
}

export interface MngOrderPiece {
  barcode: string
  desi: number
  kg: number
  content: string
}

export interface MngRecipient {
  customerId?: string
  refCustomerId?: string
  cityCode: number
  cityName?: string
  districtCode: number
  districtName?: string
  address: string
  bussinessPhoneNumber?: string
  email?: string
  taxOffice?: string
  taxNumber?: string
  fullName: string
  homePhoneNumber?: string
  mobilePhoneNumber: string
}

export interface MngOrder {
  referenceId: string
  barcode: string
  billOfLandingId: string
  isCOD: 0 | 1
  codAmount: number
  shipmentServiceType: number
  packagingType: number
  content: string
  smsPreference1: number
  smsPreference2: number
  smsPreference3: number
  paymentType: number
  deliveryType: number
  description: string
  marketPlaceShortCode: string
  marketPlaceSaleCode: string
}

export interface MngCreateOrderRequest {
  order: MngOrder
  orderPieceList: MngOrderPiece[]
  recipient: MngRecipient
}

export interface MngCreateOrderResult {
  orderInvoiceId: string
  orderInvoiceDetailId: string
  shipperBranchCode: string
  referenceId: string
}

export interface MngBarcodeResult {
  referenceId: string
  invoiceId: string
  shipmentId: string
  barcodes: { pieceNumber: number; barcode: string; value: string }[]
}

/** getorder: the order as created (before and after the barcode step). */
export interface MngOrderInfo {
  referenceId: string
  barcode: string
  isCOD: 0 | 1
  codAmount: number
  content: string
  description: string
  orderStatus: string
  createDate: string
  recipient: MngRecipient
  orderPieceList: MngOrderPiece[]
}

/** getshipment: exists only once the barcode step ran. */
export interface MngShipmentInfo {
  referenceId: string
  shipmentId: string
  shipmentSerialNumber: string
  shipmentNumber: string
  shipmentDateTime: string
  pieceCount: number
  totalKg: number
  totalDesi: number
  totalKgDesi: number
  total: number
  kdv: number
  finalTotal: number
  shipmentStatusCode: number
  shipmentStatus: string
  isCancelled: 0 | 1
  trackingUrl: string
  receivingBranch: string
  shipperBranch: string
  isCOD: 0 | 1
  codAmount: number
  estimatedDeliveryDate: string | null
  isDelivered: 0 | 1
  deliveryTo: string | null
  deliveryDate: string | null
}

export interface MngTrackEvent {
  eventSequence: number
  eventStatusCode: number
  eventStatus: string
  eventDateTime: string
  location: string
  locationCity: string
  locationTown: string
}

export interface MngCalculateResult {
  shipmentServiceType: number
  packagingType: number
  pieceCount: number
  totalDesi: number
  totalKg: number
  totalKgDesi: number
  total: number
  kdv: number
  finalTotal: number
  estimatedDeliveryDays: number
}

export interface MngCity {
  code: string
  name: string
}
export interface MngDistrict {
  code: string
  name: string
  cityCode: string
  cityName: string
}

export interface MngAppError {
  error: { Code: string; Message: string; Description?: string }
}
export interface MngGatewayError {
  httpCode: string
  httpMessage: string
  moreInformation: string
}
