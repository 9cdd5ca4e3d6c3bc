// Pigment under the skin: a soft, slightly irregular disc whose colour multiplies the photo (see README.md).
in vec2 vLocal;
in float vRadius;
in float vGain;
in float vTone;
in float vPhase;

uniform vec3 uPigment;      // linear-ish RGB of the pigment, 0..1
uniform float uOpacity;     // ink at the dot's centre
uniform float uSoftness;    // edge blur as a share of the radius
uniform float uIrregular;   // how far the outline wanders, share of the radius
uniform float uToneVar;     // how much dots differ in how much pigment they took

out vec4 finalColor;

void main() {
    float dist = length(vLocal);
    float angle = atan(vLocal.y, vLocal.x);
    // Skin takes pigment unevenly: the outline wanders a little with angle.
    float wobble = 1.0 + uIrregular * (0.6 * sin(3.0 * angle + vPhase) + 0.4 * sin(5.0 * angle - 1.7 * vPhase));
    float r = vRadius * wobble;
    // A soft edge: at least one device px wide (antialiasing), wider for pigment spread under the skin.
    float edge = max(1.0, uSoftness * r);
    float cover = clamp((r - dist) / edge + 0.5, 0.0, 1.0);
    float ink = clamp(uOpacity * (1.0 + uToneVar * vTone), 0.0, 1.0) * cover * vGain;
    if (ink <= 0.001) discard;
    // Premultiplied; blended with "multiply": photo × mix(1, pigment, ink).
    finalColor = vec4(uPigment * ink, ink);
}
