/**
 * pdf-lib's standard fonts are WinAnsi (Windows-1252) encoded: Ç ç Ö ö Ü ü exist there, but Ğ ğ İ ı Ş ş do not
 * and would make pdf-lib throw. They are spelled the way Turkish carriers' own thermal labels spell them
 * (ZPL's resident fonts lack them too). Anything else outside WinAnsi's Latin-1 part becomes '?'.
 */
const turkish: Record<string, string> = { Ğ: 'G', ğ: 'g', İ: 'I', ı: 'i', Ş: 'S', ş: 's' }

export function toWinAnsi(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => turkish[ch] ?? (/^[\x20-\x7e\xa0-\xff]$/.test(ch) ? ch : ch === '\n' || ch === '\t' ? ' ' : '?'))
    .join('')
}
