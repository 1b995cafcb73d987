/**
 * A binary min-heap by a numeric key: the quota window's answered holds by the instant they free, so finding the
 * holds whose window has passed costs O(log n) each instead of a walk over every hold on every check. Written here
 * (30 lines) rather than taken as a dependency: none of ours has one.
 */
export class MinHeap<T> {
  private readonly items: T[] = []

  constructor(private readonly key: (item: T) => number) {}

  get size(): number {
    return this.items.length
  }

  peek(): T | undefined {
    return this.items[0]
  }

  push(item: T) {
    const items = this.items
    let i = items.push(item) - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.key(items[parent]!) <= this.key(item)) break
      items[i] = items[parent]!
      i = parent
    }
    items[i] = item
  }

  pop(): T | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= items.length) break
      const right = left + 1
      const child = right < items.length && this.key(items[right]!) < this.key(items[left]!) ? right : left
      if (this.key(items[child]!) >= this.key(last)) break
      items[i] = items[child]!
      i = child
    }
    items[i] = last
    return top
  }

  clear() {
    this.items.length = 0
  }
}
