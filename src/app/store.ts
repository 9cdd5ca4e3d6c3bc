/** A tiny observable store: the app's single source of truth. Listeners get the new and the previous state. */
export class Store<S> {
  private state: S;
  private readonly listeners = new Set<(s: S, prev: S) => void>();

  /** admit(next, prev) may amend a state before it is taken (e.g. refuse a design past its caps). */
  constructor(
    initial: S,
    private readonly admit: (next: S, prev: S) => S = (next) => next,
  ) {
    this.state = initial;
  }

  get(): S {
    return this.state;
  }

  /** Replaces the state with fn(state); listeners run only if something changed. */
  update(fn: (s: S) => S): void {
    const prev = this.state;
    const next = this.admit(fn(prev), prev);
    if (next === prev) return;
    this.state = next;
    for (const l of this.listeners) l(next, prev);
  }

  subscribe(l: (s: S, prev: S) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
