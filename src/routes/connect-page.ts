/** The hosted connect pages: small, self-contained HTML (no scripts, no external assets). */
import type { AuthField, OperationId } from '../core/provider-kit/types.js'

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

const operationText: Partial<Record<OperationId, string>> = {
  'orders.list': 'Read your orders',
  'fulfillments.create': 'Mark orders as shipped',
  'products.list': 'Read your products and listings',
  'inventory.update': 'Update prices and stock',
  'shipments.create': 'Create shipments and labels',
  'tracking.get': 'Read shipment tracking',
}

const style = `
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1c2430}
main{width:100%;max-width:420px;margin:24px;background:#fff;border-radius:14px;box-shadow:0 8px 30px rgba(20,30,50,.08);padding:32px}
.brand{display:flex;align-items:center;gap:8px;font-weight:700;font-size:17px;color:#0f5cc0;letter-spacing:.2px}
.brand svg{flex:none}h1{font-size:21px;margin:20px 0 6px}p.lead{margin:0 0 18px;color:#52607a}
ul{margin:0 0 22px;padding:0;list-style:none}li{padding:7px 0 7px 26px;position:relative;border-bottom:1px solid #eef1f5}
li:before{content:"";position:absolute;left:4px;top:14px;width:10px;height:6px;border-left:2px solid #1a9b5b;border-bottom:2px solid #1a9b5b;transform:rotate(-45deg)}
label{display:block;font-weight:600;margin:14px 0 4px}input{width:100%;padding:10px 12px;border:1px solid #c9d2de;border-radius:8px;font:inherit}
input[aria-invalid=true]{border-color:#c62828;background:#fff7f7}.err{color:#c62828;font-size:13px;margin-top:4px}
button{margin-top:22px;width:100%;padding:12px;border:0;border-radius:9px;background:#0f5cc0;color:#fff;font:600 16px system-ui,sans-serif;cursor:pointer}
button:hover{background:#0c4da3}.foot{margin-top:18px;font-size:12px;color:#8390a5;text-align:center}
.notice{padding:12px 14px;border-radius:9px;background:#fdecea;color:#8a1c1c}.ok{background:#e7f6ee;color:#145c38}`

const logo = `<svg width="26" height="26" viewBox="0 0 26 26" aria-hidden="true"><rect width="26" height="26" rx="7" fill="#0f5cc0"/><path d="M5 17c3-6 13-6 16 0" stroke="#fff" stroke-width="2.4" fill="none" stroke-linecap="round"/><path d="M7 17v3M13 13v7M19 17v3" stroke="#fff" stroke-width="2" stroke-linecap="round"/></svg>`

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escape(title)}</title><style>${style}</style></head>
<body><main><div class="brand">${logo}<span>köprü</span></div>${body}<p class="foot">Secured by kopru · tokens are encrypted at rest</p></main></body></html>`
}

export interface ConnectPageInput {
  sessionId: string
  providerName: string
  oauth: boolean
  operations: OperationId[]
  /** OAuth: fields asked before authorizing (Shopify shop); key/secret: the provider's auth fields. */
  fields: AuthField[]
  values?: Record<string, string>
  errors?: { path: string; message: string }[]
  message?: string
}

export function connectPage(input: ConnectPageInput): string {
  const shared = input.operations.map((op) => operationText[op]).filter(Boolean) as string[]
  const errorFor = (name: string) => input.errors?.find((e) => e.path === name || e.path === `credentials.${name}`)?.message
  const fields = input.fields
    .map((field) => {
      const error = errorFor(field.name)
      const id = `f_${field.name}`
      return `<label for="${id}">${escape(field.label)}</label><input id="${id}" name="${escape(field.name)}" ${field.secret ? 'type="password" autocomplete="off"' : 'type="text"'} value="${field.secret ? '' : escape(input.values?.[field.name] ?? '')}"${error ? ` aria-invalid="true" aria-describedby="${id}_e"` : ''} required>${error ? `<div class="err" id="${id}_e">${escape(error)}</div>` : ''}${field.description ? `<div class="foot" style="text-align:left;margin-top:4px">${escape(field.description)}</div>` : ''}`
    })
    .join('')
  // Relative to /connect/{session}, so the pages work when the gateway is mounted under a prefix.
  const action = input.oauth ? `${input.sessionId}/authorize` : input.sessionId
  const body = `<h1>Connect ${escape(input.providerName)}</h1>
<p class="lead">${input.oauth ? `You will be sent to ${escape(input.providerName)} to approve access.` : `Enter your ${escape(input.providerName)} API credentials.`} This app will be able to:</p>
<ul>${shared.map((text) => `<li>${escape(text)}</li>`).join('')}</ul>
${input.message ? `<p class="notice" role="alert">${escape(input.message)}</p>` : ''}
<form method="post" action="${escape(action)}">${fields}<button type="submit">${input.oauth ? `Connect ${escape(input.providerName)}` : 'Connect'}</button></form>`
  return layout(`Connect ${input.providerName} · kopru`, body)
}

export function noticePage(title: string, message: string, ok = false): string {
  return layout(`${title} · kopru`, `<h1>${escape(title)}</h1><p class="notice${ok ? ' ok' : ''}" role="${ok ? 'status' : 'alert'}">${escape(message)}</p>`)
}
