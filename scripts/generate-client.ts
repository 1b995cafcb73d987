/** Regenerates src/client/openapi.ts from the gateway's OpenAPI document. */
import { writeFile } from 'node:fs/promises'
import { clientTypes, clientTypesFile } from './client-types.js'
import { currentDocument } from './openapi.js'

await writeFile(clientTypesFile, await clientTypes(await currentDocument()))
console.log(`wrote ${clientTypesFile.pathname}`)
