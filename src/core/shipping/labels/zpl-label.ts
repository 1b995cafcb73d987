import type { LabelContent } from './pdf-label.js'
import { toWinAnsi } from './transliterate.js'

/**
 * A shipping label as ZPL II for 100 × 150 mm thermal printers at 203 dpi (812 × 1218 dots): addresses, parcel
 * summary, reference and a Code 128 barcode (`^BC`). Text is ASCII: the printers' resident fonts lack Ğ İ Ş
 * (same spelling as the PDF label), and `^ ~` would be read as ZPL commands.
 */
export function renderZplLabel(content: LabelContent): string {
  const text = (value: string) => toWinAnsi(value).normalize('NFD').replace(/[^\x20-\x7d]/g, '').replace(/[\^~]/g, ' ').slice(0, 60)
  const field = (x: number, y: number, size: number, value: string) => `^FO${x},${y}^A0N,${size},${size}^FD${text(value)}^FS`
  const { recipient, shipper } = content
  const kg = content.parcels.reduce((sum, parcel) => sum + parcel.weight_kg, 0)
  const desi = content.parcels.reduce((sum, parcel) => sum + parcel.desi, 0)
  const lines = [
    '^XA',
    '^CI0',
    '^PW812',
    '^LL1218',
    field(40, 40, 50, content.carrier.toUpperCase()),
    field(560, 50, 28, content.createdAt.toISOString().slice(0, 10)),
    field(40, 130, 26, 'ALICI'),
    field(40, 165, 40, recipient.name),
    field(40, 215, 30, [recipient.line1, recipient.line2].filter(Boolean).join(' ')),
    field(40, 255, 30, [recipient.district, recipient.city].filter(Boolean).join(' / ')),
    field(40, 295, 30, recipient.phone ?? ''),
    field(40, 370, 26, 'GONDERICI'),
    field(40, 405, 30, shipper.name),
    field(40, 445, 30, [shipper.district, shipper.city].filter(Boolean).join(' / ')),
    field(40, 520, 30, `${content.parcels.length} parca, ${kg.toFixed(2)} kg, ${desi.toFixed(2)} desi`),
    content.cod ? field(40, 560, 34, `TAHSILATLI ${content.cod.amount.amount} ${content.cod.amount.currency}`) : '',
    field(40, 620, 30, `Ref: ${content.reference}`),
    content.trackingNumber ? field(40, 660, 30, `Takip: ${content.trackingNumber}`) : '',
    `^FO60,760^BY3^BCN,220,Y,N,N^FD${text(content.barcode)}^FS`,
    '^XZ',
  ]
  return lines.filter(Boolean).join('\n')
}
