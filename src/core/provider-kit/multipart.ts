/**
 * Files in provider requests: a `data:` URL (how kopru holds a PDF an integrator handed over, e.g. İzibiz's
 * invoice) decoded to bytes, and a multipart/form-data body built with the web-standard FormData/Response,
 * so the boundary and encoding are the platform's and the same at the edge and on Node.
 */

export interface FilePart {
  bytes: Uint8Array<ArrayBuffer>
  contentType: string
}

/** The bytes of a base64 `data:` URL, or null for any other URL (a link the provider can fetch itself). */
export function decodeDataUrl(url: string): FilePart | null {
  const match = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/.exec(url)
  if (!match) return null
  const binary = atob(match[2]!)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return { bytes, contentType: match[1]! }
}

export async function multipartBody(
  fields: Record<string, string>,
  file: FilePart & { field: string; filename: string },
): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append(file.field, new Blob([file.bytes], { type: file.contentType }), file.filename)
  const encoded = new Response(form)
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! }
}
