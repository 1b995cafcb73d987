/** Selling Partner API Orders v0 shapes kopru reads (field names as Amazon spells them). */
export interface AmazonMoney {
  CurrencyCode: string
  Amount: string
}

export interface AmazonOrder {
  AmazonOrderId: string
  PurchaseDate: string
  LastUpdateDate: string
  OrderStatus: string
  FulfillmentChannel?: string
  OrderTotal?: AmazonMoney
  MarketplaceId: string
  BuyerInfo?: { BuyerEmail?: string; BuyerName?: string }
  ShippingAddress?: { Name?: string; AddressLine1?: string; AddressLine2?: string; City?: string; StateOrRegion?: string; PostalCode?: string; CountryCode?: string; Phone?: string }
}

export interface AmazonOrderItem {
  OrderItemId: string
  ASIN: string
  SellerSKU?: string
  Title?: string
  QuantityOrdered: number
  ItemPrice?: AmazonMoney
  ItemTax?: AmazonMoney
  ShippingPrice?: AmazonMoney
  PromotionDiscount?: AmazonMoney
}

export interface AmazonOrdersPayload {
  Orders: AmazonOrder[]
  NextToken?: string
  CreatedBefore?: string
}
