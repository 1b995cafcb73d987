/**
 * Scratch PostgreSQL databases for a benchmark: created on the server of `DATABASE_URL`, dropped when done, so a
 * run never touches the test database and two gateways never share rows.
 */
async function onServer(serverUrl: string, statement: string) {
  const { default: postgres } = await import('postgres')
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    await sql.unsafe(statement)
  } finally {
    await sql.end()
  }
}

/** Creates database `name` beside the one of `serverUrl` and returns its URL. */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, `drop database if exists "${name}"`)
  await onServer(serverUrl, `create database "${name}"`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export const dropScratchDatabase = (serverUrl: string, name: string) => onServer(serverUrl, `drop database if exists "${name}" with (force)`)
