// Shared by dot.frag and dot-point.frag: how much pigment a dot leaves at a point (see README.md).
uniform highp float uSoftness;    // edge blur as a share of the radius
uniform highp float uIrregular;   // how far the outline wanders, share of the radius
uniform vec3 uPigment;            // pigment colour, 0..1
uniform float uOpacity;           // ink at the dot's centre
uniform float uToneVar;           // how much dots differ in how much pigment they took

out vec4 finalColor;

// local: position relative to the dot's centre, device px. Premultiplied; blended with "multiply":
// the photo becomes photo × mix(1, pigment, ink), so pigment under the skin keeps the skin's texture.
void inkAt(vec2 local, float radius, float gain, float tone, float phase) {
    float dist = length(local);
    float r = radius;
    // Skin takes pigment unevenly: the outline wanders a little with angle (invisible below a pixel: skipped).
    if (radius > 1.5) {
        float angle = atan(local.y, local.x);
        r *= 1.0 + uIrregular * (0.6 * sin(3.0 * angle + phase) + 0.4 * sin(5.0 * angle - 1.7 * phase));
    }
    // A soft edge: at least one device px wide (antialiasing), wider for pigment spread under the skin.
    float edge = max(1.0, uSoftness * r);
    float cover = clamp((r - dist) / edge + 0.5, 0.0, 1.0);
    float ink = clamp(uOpacity * (1.0 + uToneVar * tone), 0.0, 1.0) * cover * gain;
    if (ink <= 0.001) discard;
    finalColor = vec4(uPigment * ink, ink);
}
