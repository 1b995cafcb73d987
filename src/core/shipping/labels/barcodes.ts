/**
 * Barcodes for labels, encoded by bwip-js (the JavaScript port of Barcode Writer in Pure PostScript). Its platform-neutral
 * build only encodes; kopru draws the result with pdf-lib, so the same code runs on Node and at the edge.
 */

/** Linear symbologies carriers print on labels. */
export type LinearSymbology = 'code128' | 'gs1-128' | 'code39'
/** 2D symbologies some carriers ask for beside the linear barcode. */
export type MatrixSymbology = 'datamatrix' | 'qrcode' | 'pdf417'

/** Module widths, alternating bar and space and starting with a bar, without quiet zones. */
export async function linearModules(text: string, symbology: LinearSymbology = 'code128'): Promise<number[]> {
  // Printable ASCII only: bwip-js would encode other characters as FNC4 extended, which branch scanners misread.
  if (/[^\x20-\x7e]/.test(text)) throw new RangeError(`${symbology} labels take printable ASCII only, not ${JSON.stringify(text)}`)
  const [symbol] = await encode(symbology, text)
  if (!symbol || !('sbs' in symbol)) throw new RangeError(`${symbology} gave no bars for ${JSON.stringify(text)}`)
  return symbol.sbs
}

export interface Matrix {
  columns: number
  rows: number
  /** Row-major, 1 = dark module. */
  modules: readonly number[]
}

export async function matrixModules(text: string, symbology: MatrixSymbology): Promise<Matrix> {
  const [symbol] = await encode(symbology, text)
  if (!symbol || !('pixs' in symbol)) throw new RangeError(`${symbology} gave no modules for ${JSON.stringify(text)}`)
  return { columns: symbol.pixx, rows: symbol.pixy, modules: symbol.pixs }
}

async function encode(bcid: string, text: string) {
  if (text.length === 0) throw new RangeError('a barcode needs at least one character')
  // Loaded on the first label: its 2 MB of encoders would otherwise be parsed at every start.
  const { default: bwipjs } = await import('bwip-js/generic')
  try {
    return bwipjs.raw({ bcid, text })
  } catch (error) {
    // bwip-js reports what it cannot encode (e.g. "bwipp.code128badCharacter") as an Error; keep its message.
    throw new RangeError(`${bcid} cannot encode ${JSON.stringify(text)}: ${(error as Error).message}`)
  }
}
