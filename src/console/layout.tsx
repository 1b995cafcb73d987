/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/**
 * The console's page frame: one inline stylesheet, no scripts, no external assets (works offline and under a CSP of
 * `default-src 'none'`); landmarks (banner, navigation, main), a skip link and a visible focus ring.
 */
import type { Child } from 'hono/jsx'
import type { ConsoleSession } from './types.js'

const style = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1c2430}
a{color:#0b4fa8}a:hover{color:#083b7e}
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:8px 12px;z-index:2}.skip:focus{left:8px;top:8px}
header{background:#10294d;color:#fff;padding:10px 20px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px}
header .brand{font-weight:700;font-size:17px}header a{color:#fff}
nav ul{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
header .who{margin-left:auto;display:flex;align-items:center;gap:12px;font-size:14px}
main{max-width:1100px;margin:0 auto;padding:20px}
h1{font-size:22px;margin:8px 0 14px}h2{font-size:18px;margin:22px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e8ef;vertical-align:top}th{background:#eef2f7}
caption{text-align:left;font-weight:600;padding:6px 0}
form.filters{display:flex;flex-wrap:wrap;gap:10px 14px;align-items:flex-end;background:#fff;padding:12px;margin-bottom:14px}
label{display:block;font-weight:600;font-size:13px;margin-bottom:2px}
input,select{font:inherit;padding:6px 8px;border:1px solid #8c99ad;border-radius:6px;background:#fff}
button{font:inherit;font-weight:600;padding:7px 14px;border:1px solid #0b4fa8;border-radius:6px;background:#0b4fa8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4fa8}header button{background:transparent;border-color:#fff;color:#fff;padding:3px 10px}
.status-active,.status-delivered{color:#12663a;font-weight:600}.status-needs_reauth,.status-dead{color:#a31515;font-weight:600}
.status-pending{color:#8a5a00;font-weight:600}
.notice{padding:10px 14px;border-radius:8px;background:#e7f6ee;color:#145c38;margin:0 0 14px}
.error{background:#fdecea;color:#8a1c1c}
meter{width:180px;height:16px;vertical-align:middle}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;padding:12px;margin:0}dt{font-weight:600}dd{margin:0;word-break:break-all}
pre{background:#fff;padding:12px;overflow:auto;font-size:13px;border:1px solid #e3e8ef}
code{font-size:13px}.muted{color:#56637a}`

export type Section = 'connections' | 'logs' | 'events' | 'webhook'

const sections: { id: Section; label: string }[] = [
  { id: 'connections', label: 'Connections' },
  { id: 'logs', label: 'Call log' },
  { id: 'events', label: 'Events' },
  { id: 'webhook', label: 'Webhook endpoint' },
]

export interface PageFrame {
  title: string
  /** Where the console is mounted (`/console`, `/kopru/console`). */
  base: string
  session?: ConsoleSession
  section?: Section
  children?: Child
}

export function Document({ title, children }: { title: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{title} · kopru console</title>
        <style dangerouslySetInnerHTML={{ __html: style }} />
      </head>
      <body>{children}</body>
    </html>
  )
}

function Banner({ base, session, section }: PageFrame) {
  return (
    <header>
      <span class="brand">kopru console</span>
      <nav aria-label="Console">
        <ul>
          {sections.map((s) => (
            <li>
              <a href={`${base}/${s.id}`} aria-current={s.id === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span>{session?.admin ? 'Operator (all tenants)' : `Tenant ${session?.tenantId ?? ''}`}</span>
        <form method="post" action={`${base}/sign-out`}>
          <input type="hidden" name="csrf" value={session?.csrf ?? ''} />
          <button type="submit">Sign out</button>
        </form>
      </div>
    </header>
  )
}

/** A signed-in page: banner with navigation and sign-out, then the page's main content. */
export function Page(frame: PageFrame) {
  return (
    <Document title={frame.title}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      {frame.session ? <Banner {...frame} /> : null}
      <main id="main" tabindex={-1}>
        <h1>{frame.title}</h1>
        {frame.children}
      </main>
    </Document>
  )
}

export function Notice({ text, error = false }: { text?: string; error?: boolean }) {
  if (!text) return null
  return (
    <p class={error ? 'notice error' : 'notice'} role={error ? 'alert' : 'status'}>
      {text}
    </p>
  )
}

/** The operator's tenant filter (a GET form, so it works without scripts); tenants see nothing. */
export function TenantFilter({ session, tenants, selected, action }: { session: ConsoleSession; tenants: { id: string; name: string }[]; selected?: string; action: string }) {
  if (!session.admin) return null
  return (
    <form class="filters" method="get" action={action}>
      <div>
        <label for="tenant">Tenant</label>
        <select id="tenant" name="tenant">
          <option value="">All tenants</option>
          {tenants.map((t) => (
            <option value={t.id} selected={t.id === selected}>
              {t.name} ({t.id})
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Show</button>
    </form>
  )
}
