/** A binary heap; `before(a, b)` is true when a comes out first. */
export class MaxHeap<T> {
  private readonly data: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.data.length;
  }

  peek(): T | undefined {
    return this.data[0];
  }

  entries(): readonly T[] {
    return this.data;
  }

  push(value: T): void {
    const data = this.data;
    data.push(value);
    let i = data.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(data[i] as T, data[parent] as T)) break;
      [data[i], data[parent]] = [data[parent] as T, data[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const data = this.data;
    const top = data[0];
    const last = data.pop();
    if (data.length === 0 || last === undefined) return top;
    data[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < data.length && this.before(data[left] as T, data[first] as T)) first = left;
      if (right < data.length && this.before(data[right] as T, data[first] as T)) first = right;
      if (first === i) return top;
      [data[i], data[first]] = [data[first] as T, data[i] as T];
      i = first;
    }
  }
}
