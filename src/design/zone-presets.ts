import type { Zone, ZoneRole, ZoneShape } from './types.ts';

/**
 * A new zone's settings by role. Scalp zones start near the body (a crown a little sparser with its whorl, sides
 * thinning into existing hair over a wide ramp); scars and patches match their surroundings (density 1) with a
 * short feather, so the camouflage blends into the dots around them.
 */
const ROLE_DEFAULTS: Record<ZoneRole, Pick<Zone, 'featherMm' | 'density' | 'size' | 'shade' | 'whorl'>> = {
  front: { featherMm: 10, density: 1.1, size: 0.95, shade: 0, whorl: false },
  mid: { featherMm: 10, density: 1, size: 1, shade: 0, whorl: false },
  crown: { featherMm: 15, density: 0.9, size: 1, shade: 0, whorl: true },
  side: { featherMm: 20, density: 0.6, size: 0.9, shade: -0.2, whorl: false },
  scar: { featherMm: 3, density: 1, size: 1, shade: 0, whorl: false },
  patch: { featherMm: 4, density: 1, size: 1, shade: 0, whorl: false },
};

export const ROLE_NAMES: Record<ZoneRole, string> = {
  front: 'Front',
  mid: 'Mid-scalp',
  crown: 'Crown',
  side: 'Side',
  scar: 'Scar',
  patch: 'Alopecia patch',
};

/** The name a new zone gets: "Crown", "Crown 2"…; scars and patches always numbered ("FUT scar 1"). */
export function defaultZoneName(role: ZoneRole, shape: ZoneShape['kind'], zones: readonly Zone[]): string {
  const base = role === 'scar' ? (shape === 'dots' ? 'FUE scars' : 'FUT scar') : ROLE_NAMES[role];
  const numbered = role === 'scar' || role === 'patch';
  const taken = new Set(zones.map((z) => z.name));
  if (!numbered && !taken.has(base)) return base;
  for (let n = numbered ? 1 : 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** An id unused by the zones: "zone-1", "zone-2"… (deterministic, no randomness). */
function nextZoneId(zones: readonly Zone[]): string {
  const ids = new Set(zones.map((z) => z.id));
  for (let n = zones.length + 1; ; n++) if (!ids.has(`zone-${n}`)) return `zone-${n}`;
}

/** A zone of the role with its defaults, a fresh id and a default name, appended after the existing ones. */
export function newZone(role: ZoneRole, shape: ZoneShape, zones: readonly Zone[]): Zone {
  const zone: Zone = { id: nextZoneId(zones), name: defaultZoneName(role, shape.kind, zones), role, shape, ...ROLE_DEFAULTS[role] };
  // FUE scars are ~1 mm dots: a short feather, or each would blur into a wide blot.
  return shape.kind === 'dots' ? { ...zone, featherMm: 1.5 } : zone;
}
