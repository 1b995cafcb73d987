/** MNG CBS reference data for the simulator: city codes are plate numbers; district codes are the simulator's. */
export const mngCbs: { code: string; name: string; districts: { code: string; name: string }[] }[] = [
  { code: '34', name: 'İSTANBUL', districts: [
    { code: '1449', name: 'KADIKÖY' }, { code: '1183', name: 'BEŞİKTAŞ' }, { code: '1663', name: 'ŞİŞLİ' },
    { code: '1708', name: 'ÜSKÜDAR' }, { code: '2049', name: 'ATAŞEHİR' },
  ] },
  { code: '6', name: 'ANKARA', districts: [{ code: '1231', name: 'ÇANKAYA' }, { code: '1302', name: 'KEÇİÖREN' }] },
  { code: '35', name: 'İZMİR', districts: [{ code: '1448', name: 'KARŞIYAKA' }, { code: '2006', name: 'KONAK' }] },
  { code: '16', name: 'BURSA', districts: [{ code: '1829', name: 'NİLÜFER' }] },
  { code: '7', name: 'ANTALYA', districts: [{ code: '2036', name: 'MURATPAŞA' }] },
  { code: '41', name: 'KOCAELİ', districts: [{ code: '2058', name: 'İZMİT' }] },
  { code: '26', name: 'ESKİŞEHİR', districts: [{ code: '1588', name: 'TEPEBAŞI' }] },
]
