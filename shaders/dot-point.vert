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

void main() {
    if (aRankTone.x >= uShare) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        gl_PointSize = 0.0;
        return;
    }
    vec3 s = dotSize(aSize);
    float radius = 0.5 * aSize * uSizeScale * uDevicePxPerUnit;
    vTone = aRankTone.y * 2.0 - 1.0;
    vPhase = fract(aRankTone.x * 613.7 + aRankTone.y * 97.3) * 6.2831853;
    mat3 mvp = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
    gl_Position = vec4((mvp * vec3(aCenter, 1.0)).xy, 0.0, 1.0);
    if (radius < 0.5) {
        // Under half a pixel a dot is one pixel holding exactly its area's share of ink: one fragment, and its tone
        // stays the same as the view pans or zooms.
        vPixelInk = 3.14159265 * radius * radius;
        gl_PointSize = 1.0;
        return;
    }
    vPixelInk = 0.0;
    vRadius = s.x;
    vGain = s.y;
    vHalf = s.z;
    gl_PointSize = 2.0 * s.z;
}
