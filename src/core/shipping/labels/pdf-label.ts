import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { Address } from '../../../models/common.js'
import { linearModules, matrixModules, type Matrix, type MatrixSymbology } from './barcodes.js'
import { toWinAnsi } from './transliterate.js'

export interface LabelContent {
  carrier: string
  /** What the barcode encodes: the carrier's barcode/tracking number, or the reference the branch scans. */
  barcode: string
  /** A 2D code some carriers ask for beside the linear one (printed top right). */
  matrix?: { symbology: MatrixSymbology; text: string } | null
  reference: string
  trackingNumber: string | null
  shipper: Address
  recipient: Address
  parcels: { weight_kg: number; desi: number }[]
  cod?: { amount: { amount: string; currency: string }; collection: string } | null
  createdAt: Date
}

/** 100 × 150 mm, the thermal label size Turkish carrier branches print. */
const WIDTH = 283.46
const HEIGHT = 425.2
const MARGIN = 14

/** A shipping label as a one-page PDF: addresses, parcel summary, reference, a Code 128 barcode and an optional 2D code. */
export async function renderPdfLabel(content: LabelContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle(toWinAnsi(`${content.carrier} ${content.reference}`))
  pdf.setProducer('kopru')
  pdf.setCreationDate(content.createdAt)
  pdf.setModificationDate(content.createdAt)
  const page = pdf.addPage([WIDTH, HEIGHT])
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const write = (text: string, x: number, y: number, size: number, font: PDFFont = regular) =>
    page.drawText(fit(toWinAnsi(text), font, size, WIDTH - x - MARGIN), { x, y, size, font })

  let y = HEIGHT - MARGIN - 12
  write(content.carrier.toUpperCase(), MARGIN, y, 14, bold)
  write(content.createdAt.toISOString().slice(0, 10), WIDTH - MARGIN - 60, y, 9)
  y -= 8
  rule(page, y)

  y -= 14
  write('GONDERICI / FROM', MARGIN, y, 7, bold)
  for (const line of addressLines(content.shipper)) {
    y -= 10
    write(line, MARGIN, y, 8)
  }
  y -= 8
  rule(page, y)

  y -= 16
  write('ALICI / TO', MARGIN, y, 8, bold)
  const recipient = addressLines(content.recipient)
  y -= 16
  write(recipient[0] ?? '', MARGIN, y, 13, bold)
  for (const line of recipient.slice(1)) {
    y -= 13
    write(line, MARGIN, y, 10)
  }
  y -= 18
  const place = [content.recipient.district, content.recipient.city].filter(Boolean).join(' / ')
  write(place.toLocaleUpperCase('tr'), MARGIN, y, 15, bold)
  y -= 10
  rule(page, y)

  y -= 14
  const kg = content.parcels.reduce((sum, p) => sum + p.weight_kg, 0)
  const desi = content.parcels.reduce((sum, p) => sum + p.desi, 0)
  write(`Parca / Pieces: ${content.parcels.length}   Kg: ${round(kg)}   Desi: ${round(desi)}`, MARGIN, y, 9)
  if (content.cod) {
    y -= 14
    write(`TAHSILATLI / COD: ${content.cod.amount.amount} ${content.cod.amount.currency} (${content.cod.collection})`, MARGIN, y, 10, bold)
  }
  y -= 14
  write(`Referans / Reference: ${content.reference}`, MARGIN, y, 9)
  if (content.trackingNumber) {
    y -= 12
    write(`Takip / Tracking: ${content.trackingNumber}`, MARGIN, y, 9)
  }

  if (content.matrix) drawMatrix(page, await matrixModules(content.matrix.text, content.matrix.symbology))
  drawBarcode(page, content.barcode, await linearModules(content.barcode), regular, MARGIN + 4)
  return pdf.save({ useObjectStreams: false })
}

/** The 2D code on the right above the linear barcode, at most 20 mm, dark modules as squares. */
function drawMatrix(page: PDFPage, { columns, rows, modules }: Matrix) {
  const size = Math.min(56 / columns, 56 / rows)
  const left = WIDTH - MARGIN - columns * size
  const top = MARGIN + 100 + rows * size
  modules.forEach((dark, i) => {
    if (!dark) return
    const x = left + (i % columns) * size
    const y = top - (Math.floor(i / columns) + 1) * size
    page.drawRectangle({ x, y, width: size, height: size, color: rgb(0, 0, 0) })
  })
}

function drawBarcode(page: PDFPage, value: string, modules: number[], font: PDFFont, bottom: number) {
  const total = modules.reduce((sum, width) => sum + width, 0)
  const quiet = 10
  const moduleWidth = Math.min(2, (WIDTH - 2 * MARGIN) / (total + 2 * quiet))
  const height = 70
  let x = (WIDTH - total * moduleWidth) / 2
  const barsBottom = bottom + 14
  modules.forEach((width, i) => {
    if (i % 2 === 0) page.drawRectangle({ x, y: barsBottom, width: width * moduleWidth, height, color: rgb(0, 0, 0) })
    x += width * moduleWidth
  })
  const text = toWinAnsi(value)
  const size = 10
  page.drawText(text, { x: (WIDTH - font.widthOfTextAtSize(text, size)) / 2, y: bottom, size, font })
}

function addressLines(address: Address): string[] {
  return [
    address.name,
    address.company ?? '',
    address.line1,
    address.line2 ?? '',
    [address.postal_code, address.district, address.city].filter(Boolean).join(' '),
    address.phone ?? '',
  ].filter((line) => line.trim() !== '')
}

function rule(page: PDFPage, y: number) {
  page.drawLine({ start: { x: MARGIN, y }, end: { x: WIDTH - MARGIN, y }, thickness: 0.8, color: rgb(0, 0, 0) })
}

function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text
  let cut = text
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1)
  return `${cut}…`
}

const round = (value: number) => Math.round(value * 100) / 100
