/** eBay Sell Fulfillment API shapes kopru reads (field names as eBay spells them). */
export interface EbayAmount {
  value: string
  currency: string
}

export interface EbayLineItem {
  lineItemId: string
  legacyItemId: string | null
  sku: string | null
  title: string
  quantity: number
  lineItemCost: EbayAmount
  total: EbayAmount
  lineItemFulfillmentStatus: string
}

export interface EbayOrder {
  orderId: string
  legacyOrderId: string | null
  creationDate: string
  lastModifiedDate: string
  orderFulfillmentStatus: string
  orderPaymentStatus: string
  cancelStatus: { cancelState: string }
  pricingSummary: { priceSubtotal: EbayAmount; deliveryCost?: EbayAmount; priceDiscount?: EbayAmount; tax?: EbayAmount; total: EbayAmount }
  buyer: { username: string; buyerRegistrationAddress?: { fullName?: string; email?: string; primaryPhone?: { phoneNumber?: string } } }
  fulfillmentStartInstructions: {
    shippingStep?: {
      shipTo?: {
        fullName?: string
        contactAddress?: { addressLine1?: string; addressLine2?: string; city?: string; stateOrProvince?: string; postalCode?: string; countryCode?: string }
        primaryPhone?: { phoneNumber?: string }
        email?: string
      }
    }
  }[]
  lineItems: EbayLineItem[]
}

export interface EbayOrderPage {
  href: string
  total: number
  limit: number
  offset: number
  next?: string
  orders: EbayOrder[]
}
