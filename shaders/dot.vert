// Instanced quads (used when a dot is bigger on screen than the GPU's largest point): see README.md.
in vec2 aPosition;      // quad corner in [-1, 1]
in vec2 aCenter;        // dot centre, photo px
in float aSize;         // diameter, photo px
in vec2 aRankTone;      // session rank in [0, 1), tone in [0, 1]

uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform mat3 uTransformMatrix;

out vec2 vLocal;
out float vRadius;
out float vGain;
out float vTone;
out float vPhase;
out vec4 vLook; // ink, softness, redness, drift

void main() {
    DotLook d = lookOf(aCenter, aSize, aRankTone);
    if (!d.visible) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0); // outside the clip volume: not drawn
        return;
    }
    vRadius = d.drawn;
    vGain = d.gain;
    vLocal = aPosition * d.halfSize;
    vTone = aRankTone.y * 2.0 - 1.0;
    vPhase = fract(aRankTone.x * 613.7 + aRankTone.y * 97.3) * 6.2831853;
    vLook = vec4(d.ink, d.softness, d.redness, d.drift);
    vec2 world = aCenter + aPosition * (d.halfSize / uDevicePxPerUnit);
    mat3 mvp = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
    gl_Position = vec4((mvp * vec3(world, 1.0)).xy, 0.0, 1.0);
}
