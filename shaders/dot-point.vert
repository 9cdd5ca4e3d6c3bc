// One GL point per dot, from the same 16-byte records read per vertex: see README.md.
in vec2 aCenter;
in float aSize;
in vec2 aRankTone;

uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform mat3 uTransformMatrix;

out float vRadius;
out float vGain;
out float vTone;
out float vPhase;
out float vHalf;
out float vPixelInk;
out vec4 vLook; // ink, softness, redness, drift

void main() {
    DotLook d = lookOf(aCenter, aSize, aRankTone);
    if (!d.visible) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        gl_PointSize = 0.0;
        return;
    }
    vTone = aRankTone.y * 2.0 - 1.0;
    vPhase = fract(aRankTone.x * 613.7 + aRankTone.y * 97.3) * 6.2831853;
    vLook = vec4(d.ink, d.softness, d.redness, d.drift);
    mat3 mvp = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
    gl_Position = vec4((mvp * vec3(aCenter, 1.0)).xy, 0.0, 1.0);
    if (d.radius < 0.5 && d.redness <= 0.0) {
        // Under half a pixel a dot is one pixel holding exactly its area's share of ink: one fragment, and its tone
        // stays the same as the view pans or zooms.
        vPixelInk = 3.14159265 * d.radius * d.radius;
        gl_PointSize = 1.0;
        return;
    }
    vPixelInk = 0.0;
    vRadius = d.drawn;
    vGain = d.gain;
    vHalf = d.halfSize;
    gl_PointSize = 2.0 * d.halfSize;
}
