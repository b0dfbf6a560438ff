/**
 * A count a test can wait on instead of polling it: `reached(n)` settles once the count is at
 * least n. Race it with whatever ends the work (the senders finishing), so a stalled server
 * fails the test instead of hanging it.
 */
export class WaitableCount {
  #value = 0;
  #waiting: { target: number; resolve: () => void }[] = [];

  get value(): number {
    return this.#value;
  }

  increment(): void {
    this.#value += 1;
    this.#waiting = this.#waiting.filter((w) => (this.#value >= w.target ? (w.resolve(), false) : true));
  }

  reached(target: number): Promise<void> {
    if (this.#value >= target) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ target, resolve }));
  }
}
