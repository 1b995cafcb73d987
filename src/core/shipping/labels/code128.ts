/**
 * Code 128 (ISO/IEC 15417) as bar/space module widths, for drawing barcodes on PDF labels. Code set C packs
 * digit pairs (carrier numbers are mostly digits); code set B covers printable ASCII.
 */

/** Symbol values 0..106: widths of bar, space, bar, space, bar, space (the stop symbol has a 7th bar). */
export const code128Patterns = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const

const START_B = 104
const START_C = 105
const CODE_B = 100
const CODE_C = 99
const STOP = 106

/** The symbol values for `text`, start and check symbols included, stop excluded. */
export function code128Values(text: string): number[] {
  if (text.length === 0) throw new RangeError('Code 128 needs at least one character')
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (code < 32 || code > 126) throw new RangeError(`Code 128 set B cannot encode ${JSON.stringify(ch)}`)
  }
  const values: number[] = []
  const digitRun = (at: number) => {
    let end = at
    while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end++
    return end - at
  }
  let set: 'B' | 'C' = digitRun(0) >= 4 && digitRun(0) % 2 === 0 ? 'C' : 'B'
  values.push(set === 'C' ? START_C : START_B)
  let i = 0
  while (i < text.length) {
    const run = digitRun(i)
    if (set === 'B' && run >= 6) {
      // Switch to C for a long digit run, keeping an odd leading digit in B.
      if (run % 2 === 1) values.push(text.charCodeAt(i++) - 32)
      values.push(CODE_C)
      set = 'C'
      continue
    }
    if (set === 'C') {
      if (run >= 2) {
        values.push(Number(text.slice(i, i + 2)))
        i += 2
        continue
      }
      values.push(CODE_B)
      set = 'B'
      continue
    }
    values.push(text.charCodeAt(i++) - 32)
  }
  const check = values.reduce((sum, value, position) => sum + value * (position === 0 ? 1 : position), 0) % 103
  values.push(check)
  return values
}

/** Module widths, alternating bar and space and starting with a bar, for `text` including quiet-zone-free stop. */
export function code128Modules(text: string): number[] {
  return [...code128Values(text), STOP].flatMap((value) => [...code128Patterns[value]!].map(Number))
}
