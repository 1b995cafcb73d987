import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

/** Validates live answers against the operation's documented response (status and media type) in /openapi.json. */
export function responseValidator(doc: any) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(doc, 'openapi.json')
  const checked: string[] = []
  return {
    checked,
    async check(method: string, template: string, response: Response): Promise<unknown> {
      const operation = doc.paths[template]?.[method]
      if (!operation) throw new Error(`${method} ${template} is not in the document`)
      const status = String(response.status)
      const documented = operation.responses[status] ?? operation.responses.default
      if (!documented) throw new Error(`${method} ${template} answered ${status}, which is not documented: ${await response.text()}`)
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
      const text = await response.text()
      checked.push(`${method} ${template} ${status}`)
      if (!documented.content) return text
      if (!documented.content[type]) throw new Error(`${method} ${template} ${status} sent ${type}, documented: ${Object.keys(documented.content)}`)
      if (!type.endsWith('json')) return text
      const body = JSON.parse(text)
      const ref = `openapi.json#/${pointer('paths', template, method, 'responses', status, 'content', type, 'schema')}`
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref })
      if (!validate(body)) {
        throw new Error(`${method} ${template} ${status} does not match the document: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}\n${text.slice(0, 1500)}`)
      }
      return body
    },
  }
}
