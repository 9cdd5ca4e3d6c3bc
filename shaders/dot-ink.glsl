// Shared by dot.frag and dot-point.frag: what a dot does to the skin at a point (see README.md).
uniform highp float uIrregular;   // how far the outline wanders, share of the radius
uniform vec3 uPigment;            // pigment colour (diluted), 0..1
uniform vec3 uDriftColour;        // what wrong ink turns into
uniform float uOpacity;           // ink at the dot's centre (session shade included)
uniform float uToneVar;           // how much dots differ in how much pigment they took

out vec4 finalColor;

// Blended with "multiply" (dst × src.rgb + dst × (1 − src.a)): writing (M − 1 + a, a) with a = 1 − min(M) turns
// the photo into photo × M for any colour multiplier M, so pigment and redness keep the skin's texture.
void multiplyBy(vec3 m) {
    float a = 1.0 - min(m.r, min(m.g, m.b));
    if (a <= 0.001) discard;
    finalColor = vec4(m - 1.0 + a, a);
}

// Fresh skin: redness around the dot, fading out to the halo's edge.
vec3 rednessAt(float dist, float radius, float redness) {
    if (redness <= 0.0) return vec3(1.0);
    float h = redness * 0.55 * (1.0 - smoothstep(radius * 0.8, haloRadius(radius, redness), dist));
    return vec3(1.0, 1.0 - 0.34 * h, 1.0 - 0.30 * h);
}

vec3 pigmentOf(float drift, float ink) {
    vec3 p = mix(uPigment, uDriftColour, drift);
    // Scabbed dots (ink above 1) look darker than the pigment itself.
    return p * (1.0 - 0.5 * clamp(ink - 1.0, 0.0, 1.0));
}

float inkOf(float ink, float tone) {
    return clamp(uOpacity * ink * (1.0 + uToneVar * tone), 0.0, 1.0);
}

// local: position relative to the dot's centre, device px.
void inkAt(vec2 local, float radius, float gain, float tone, float phase, float ink, float softness, float redness, float drift) {
    float dist = length(local);
    float r = radius;
    // Skin takes pigment unevenly: the outline wanders a little with angle (invisible below a pixel: skipped).
    if (radius > 1.5) {
        float angle = atan(local.y, local.x);
        r *= 1.0 + uIrregular * (0.6 * sin(3.0 * angle + phase) + 0.4 * sin(5.0 * angle - 1.7 * phase));
    }
    // A soft edge: at least one device px wide (antialiasing), wider for pigment spread under the skin.
    float edge = max(1.0, softness * r);
    float cover = clamp((r - dist) / edge + 0.5, 0.0, 1.0);
    float amount = inkOf(ink, tone) * cover * gain;
    multiplyBy(mix(vec3(1.0), pigmentOf(drift, ink), amount) * rednessAt(dist, radius, redness));
}
