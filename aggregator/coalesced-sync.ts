/**
 * Shares one flush among every caller that arrives while another flush runs: a call resolves
 * after a `flush` that started after the call, so whatever the caller wrote before calling is
 * covered. At most one flush runs and at most one waits, however many callers come: each
 * group commit asks for one, and while the disk is busy they pile onto the next.
 */
export function coalescedSync(flush: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const run = flush();
    running = run;
    const clear = () => {
      if (running === run) running = undefined;
    };
    run.then(clear, clear);
    return run;
  };
  return () => {
    if (!running) return start();
    // A flush running now may have begun before this caller's writes: wait for it, then flush again.
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}
