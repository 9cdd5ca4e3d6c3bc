import type { Preview, Treatment } from '../design/types.ts';

/** Cumulative share of the final density after each session, padded to 4 with 1 (a session that never comes adds nothing). */
export function cumulativeShares(t: Treatment): [number, number, number, number] {
  const s = t.shares;
  return [s[0] ?? 1, s[1] ?? 1, s[2] ?? 1, s[3] ?? 1];
}

/** A session number as the plan has it: whole, from 1 to the number of sessions. */
export const clampSession = (t: Treatment, session: number): number => Math.min(Math.max(1, Math.round(session)), t.shares.length);

/** The session a dot belongs to, 0-based, from its rank within the final pattern (rank in [0, 1)). */
export function sessionOfRank(rank: number, t: Treatment): number {
  const cum = cumulativeShares(t);
  for (let k = 0; k < t.shares.length; k++) if (rank < cum[k]!) return k;
  return t.shares.length - 1;
}

/**
 * How old each session's dots are, in days, when the picture shows `preview.days` after session `preview.session`:
 * sessions are `intervalDays` apart, so earlier sessions' dots are older; a session not yet done is −1.
 */
export function sessionAges(t: Treatment, p: Preview): [number, number, number, number] {
  const ages: [number, number, number, number] = [-1, -1, -1, -1];
  const done = clampSession(t, p.session);
  for (let k = 0; k < done; k++) ages[k] = p.days + (done - 1 - k) * t.intervalDays;
  return ages;
}

/**
 * Ink multiplier for the shade after `session` of n: each session before the last is lighter by the shade step
 * (clinics start lighter and darken each session; the hairline stays conservative first).
 */
export function sessionShade(t: Treatment, session: number): number {
  const n = t.shares.length;
  const k = clampSession(t, session);
  return Math.max(0.1, 1 - t.shadeStep * (n - k));
}

/** Share of the final dots shown after `session`. */
export function sessionShare(t: Treatment, session: number): number {
  const k = clampSession(t, session);
  return t.shares[k - 1]!;
}

/** The calendar date of each session (ISO yyyy-mm-dd), or null when no start date is planned. */
export function sessionDates(t: Treatment): (string | null)[] {
  return t.shares.map((_, k) => (t.startDate ? addDays(t.startDate, k * t.intervalDays) : null));
}

/** An ISO date (yyyy-mm-dd) plus whole days, as a calendar date; null for a date that is not one. */
export function addDays(iso: string, days: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}
