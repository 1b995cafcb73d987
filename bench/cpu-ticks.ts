import { readFileSync, readdirSync } from 'node:fs'

/** utime + stime (clock ticks, USER_HZ = 100 on Linux) of the process and every descendant, from /proc. */
export function cpuTicks(root: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8')
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) })
    } catch {
      // gone meanwhile
    }
  }
  let total = 0
  const pending = [root]
  while (pending.length > 0) {
    const pid = pending.pop()!
    total += stats.get(pid)?.ticks ?? 0
    for (const [child, stat] of stats) if (stat.ppid === pid) pending.push(child)
  }
  return total
}

/** utime + stime (clock ticks) of one process's main thread alone (its worker threads excluded). */
export function mainThreadTicks(pid: number): number {
  const text = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}
