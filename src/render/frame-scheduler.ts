/**
 * Draws at most once an animation frame, however many changes ask for it: request() resolves once the frame that
 * carries the change is drawn. cancel() drops the pending frame and lets its waiters go (a scene being destroyed).
 */
export function frameScheduler(draw: () => void): { request(): Promise<void>; cancel(): void } {
  let waiters: (() => void)[] | undefined;
  let frame = 0;
  return {
    request: () =>
      new Promise<void>((resolve) => {
        if (waiters) {
          waiters.push(resolve);
          return;
        }
        const mine = (waiters = [resolve]);
        frame = requestAnimationFrame(() => {
          waiters = undefined;
          draw();
          for (const w of mine) w();
        });
      }),
    cancel: () => {
      cancelAnimationFrame(frame);
      for (const w of waiters?.splice(0) ?? []) w();
      waiters = undefined;
    },
  };
}
