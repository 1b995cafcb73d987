/** Shared machinery for provider simulators (fake provider APIs used by the demo and the tests). */

/** What a provider's `simulator()` returns: a Hono app speaking the provider's API, and demo credentials. */
export interface SimulatorModule {
  app: { fetch(request: Request): Response | Promise<Response> }
  /** Credentials of the simulator's demo account, as a tenant would post them. */
  demo: { credentials: Record<string, string>; settings?: Record<string, unknown> }
  /**
   * OAuth providers: the simulator's registered demo app, and a grant minted for the demo account
   * (as if its owner had consented), so `npm start` can seed a connection without a browser.
   */
  demoOAuth?: {
    app: { clientId: string; clientSecret: string; settings?: Record<string, string> }
    grant(): { tokens: Record<string, unknown>; metadata: Record<string, string> }
    /** Registers kopru's callback URL with the demo app, so the hosted flow works against the simulator too. */
    allowRedirect(uri: string): void
  }
}

/** A clock tests can move; simulators never read Date.now() directly. */
export interface SimulatorClock {
  now(): number
}
export const systemClock: SimulatorClock = { now: () => Date.now() }

/** Deterministic PRNG (mulberry32) so seeded demo data is the same on every start. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}

/**
 * A provider's fixed-window quota as the provider enforces it: past `limit` calls in `windowMs`
 * the call is refused with the seconds until the window frees up. Violations are counted for tests.
 */
export function fixedWindowQuota({ limit, windowMs, clock = systemClock }: { limit: number; windowMs: number; clock?: SimulatorClock }) {
  const windows = new Map<string, { start: number; count: number }>()
  const stats = { allowed: 0, violations: 0 }
  return {
    stats,
    limit,
    windowMs,
    /** `remaining` and `resetSeconds` feed `X-RateLimit-*` style headers. */
    take(key: string): { ok: true; remaining: number; resetSeconds: number } | { ok: false; retryAfterSeconds: number } {
      const now = clock.now()
      let window = windows.get(key)
      if (!window || now - window.start >= windowMs) {
        window = { start: now, count: 0 }
        windows.set(key, window)
      }
      if (window.count >= limit) {
        stats.violations++
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) }
      }
      window.count++
      stats.allowed++
      return { ok: true, remaining: limit - window.count, resetSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) }
    },
    reset() {
      windows.clear()
      stats.allowed = 0
      stats.violations = 0
    },
  }
}

/** Decodes `Authorization: Basic …` into user and password, or null. */
export function parseBasicAuth(header: string | undefined | null): { user: string; password: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null
  if (!match) return null
  try {
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(match[1]!), (ch) => ch.charCodeAt(0)))
    const colon = decoded.indexOf(':')
    return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
  } catch {
    return null
  }
}

/** Realistic Turkish sample data for seeded orders. */
export const turkishSamples = {
  firstNames: ['Ayşe', 'Mehmet', 'Zeynep', 'Mustafa', 'Elif', 'Ahmet', 'Fatma', 'Emre', 'Şeyma', 'Burak', 'Gülşen', 'Oğuz', 'İrem', 'Çağlar'],
  lastNames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Kılıç', 'Güneş'],
  places: [
    { city: 'İstanbul', district: 'Kadıköy', neighborhood: 'Caferağa Mah.', postalCode: '34710' },
    { city: 'İstanbul', district: 'Beşiktaş', neighborhood: 'Sinanpaşa Mah.', postalCode: '34353' },
    { city: 'İstanbul', district: 'Üsküdar', neighborhood: 'Altunizade Mah.', postalCode: '34662' },
    { city: 'Ankara', district: 'Çankaya', neighborhood: 'Kızılay Mah.', postalCode: '06420' },
    { city: 'İzmir', district: 'Karşıyaka', neighborhood: 'Bostanlı Mah.', postalCode: '35590' },
    { city: 'Bursa', district: 'Nilüfer', neighborhood: 'Görükle Mah.', postalCode: '16285' },
    { city: 'Antalya', district: 'Muratpaşa', neighborhood: 'Lara Mah.', postalCode: '07100' },
    { city: 'Eskişehir', district: 'Tepebaşı', neighborhood: 'Hoşnudiye Mah.', postalCode: '26130' },
  ],
  streets: ['Bağdat Cad.', 'Atatürk Blv.', 'Cumhuriyet Cad.', 'İstiklal Sok.', 'Gazi Mustafa Kemal Cad.', 'Lale Sok.'],
  products: [
    { name: 'Pamuklu Bisiklet Yaka T-Shirt', brand: 'Koton', category: 'T-Shirt', price: 249.99 },
    { name: 'Bakır Cezve 2 Kişilik', brand: 'Karaca', category: 'Mutfak Gereçleri', price: 389.9 },
    { name: 'Türk Kahvesi 250 g', brand: 'Kurukahveci Mehmet Efendi', category: 'Kahve', price: 129.9 },
    { name: 'El Dokuma Kilim 120x180', brand: 'Halıcı', category: 'Kilim', price: 1899 },
    { name: 'Kablosuz Kulaklık', brand: 'Vestel', category: 'Kulaklık', price: 1299.5 },
    { name: 'Zeytinyağlı Sabun 4’lü', brand: 'Eyüp Sabri Tuncer', category: 'Sabun', price: 159.75 },
    { name: 'Porselen Çay Bardağı 6’lı', brand: 'Paşabahçe', category: 'Bardak', price: 219 },
    { name: 'Deri Cüzdan', brand: 'Derimod', category: 'Cüzdan', price: 749.95 },
  ],
} as const
