/** Bundles `entry` (relative to the project root) into `node_modules/.cache/<name>.mjs`; returns its path. */
export function bundle(entry: string, name: string): Promise<string>
