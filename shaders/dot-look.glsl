// Shared by dot.vert and dot-point.vert: everything about one dot that does not depend on where in the dot a pixel
// is: whether it is drawn at all (density share, zone, session, hair mask), its size, and how much pigment, redness,
// blur and colour drift it shows at the age the picture previews. The healing and fading curves are not written
// here: they come from src/realism/appearance.ts as a lookup table (uAgeLut), so the model has one home.
uniform float uDevicePxPerUnit; // device px per photo px at the current zoom
uniform float uShare;           // the body density's share of the generated dots
uniform float uSizeScale;       // diameter multiplier
uniform highp float uSoftness;  // base edge blur, share of the radius
uniform highp float uIrregular; // outline wander, share of the radius
uniform vec2 uPhotoSize;        // photo px: maps a centre onto the textures below
uniform vec4 uSessionCum;       // cumulative share of the final dots after sessions 1-4
uniform vec4 uSessionAge;       // age in days of each session's dots; < 0: that session is not done yet
uniform float uHealDays;        // days to the healed colour; fading counts from then
uniform float uFadeRate;        // sun and skin: rate-scaled years per year
uniform float uDrift;           // 1: wrong ink drifts toward uDriftColour as it fades
uniform float uBlowout;         // share of dots blown out (too deep)
uniform float uUseMask;         // 1: hide dots whose centre is on hair (thinning-hair mode)
uniform vec2 uMaskSize;         // the hair mask's size in mask px (four of them to a texel of uHairMask)
uniform sampler2D uZoneField;   // per mm cell: density x128/255, (size-0.5)/1.5, (shade+1) x128/255, (fade-1)/2
uniform sampler2D uHairMask;    // mask px 4i..4i+3 of a row in texel i's r, g, b, a: 1/255 hair, 0 not
uniform sampler2D uAgeLut;      // row 0 healing by age 0-60 d, row 1 fading by years 0-24: size/3, ink/1.5, red, blur

const float MIN_RADIUS = 0.75;
const float LUT_TEXELS = 256.0;
const float DRIFT_YEARS = 5.0;

// Whether the mask pixel under uv is hair: nearest, clamped at the edges, as a plain nearest texture read would be.
bool onHair(vec2 uv) {
    ivec2 p = clamp(ivec2(floor(uv * uMaskSize)), ivec2(0), ivec2(uMaskSize) - 1);
    return texelFetch(uHairMask, ivec2(p.x >> 2, p.y), 0)[p.x & 3] > 0.5 / 255.0;
}

struct DotLook {
    bool visible;
    float radius;   // true radius, device px
    float drawn;    // drawn radius (at least MIN_RADIUS)
    float gain;     // ink scale that keeps a small dot's total ink equal to its true area
    float halfSize; // half the footprint's side, halo included
    float ink;      // pigment multiplier (shade, age, zone)
    float redness;  // fresh skin around the dot
    float softness; // edge blur share
    float drift;    // 0-1 toward the drift colour
};

vec4 lut(float u, float row) {
    return texture(uAgeLut, vec2((clamp(u, 0.0, 1.0) * (LUT_TEXELS - 1.0) + 0.5) / LUT_TEXELS, row));
}

DotLook lookOf(vec2 center, float diameter, vec2 rankTone) {
    DotLook d;
    d.visible = false;
    vec2 uv = center / uPhotoSize;
    vec4 zone = texture(uZoneField, uv);
    float density = zone.r * (255.0 / 128.0);
    float sizeMul = 0.5 + zone.g * 1.5;
    float shade = zone.b * (255.0 / 128.0) - 1.0;
    float fade = 1.0 + zone.a * 2.0;
    float share = uShare * density;
    float rank = rankTone.x;
    if (rank >= share) return d;
    if (uUseMask > 0.5 && onHair(uv)) return d;
    // Session k holds the ranks between the cumulative shares before it and its own.
    float r = rank / share;
    float age = r < uSessionCum.x ? uSessionAge.x : r < uSessionCum.y ? uSessionAge.y : r < uSessionCum.z ? uSessionAge.z : uSessionAge.w;
    if (age < 0.0) return d;
    vec4 heal = lut(age / 60.0, 0.25);
    float years = max(0.0, age - uHealDays) / 365.25 * uFadeRate * fade;
    vec4 aged = lut(years / 24.0, 0.75);
    float size = heal.r * aged.r * 9.0 * sizeMul;
    d.ink = heal.g * aged.g * 2.25 * (1.0 + 0.35 * shade);
    d.redness = heal.b;
    d.softness = uSoftness + heal.a + aged.a;
    d.drift = uDrift * clamp(years / DRIFT_YEARS, 0.0, 1.0);
    // Blowouts: a fixed share of dots, chosen by a hash of the dot, spread into larger blurred blobs.
    if (fract(rankTone.y * 7919.31 + rank * 104729.7) < uBlowout) {
        size *= 2.6;
        d.softness += 0.9;
        d.ink *= 0.55;
    }
    d.visible = true;
    d.radius = 0.5 * diameter * uSizeScale * size * uDevicePxPerUnit;
    d.drawn = max(d.radius, MIN_RADIUS);
    float edge = max(1.0, d.softness * d.drawn);
    // An antialiased disc of radius r and edge e holds about π(r² + e²/12) of ink.
    d.gain = (d.radius * d.radius) / (d.drawn * d.drawn + edge * edge / 12.0);
    float rMax = d.drawn * (1.0 + uIrregular);
    float halo = d.redness > 0.0 ? haloRadius(d.drawn, d.redness) : 0.0;
    d.halfSize = max(rMax + 0.5 * max(1.0, d.softness * rMax), halo) + 0.25;
    return d;
}
