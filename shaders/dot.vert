// One pigment dot per instance: a screen-aligned quad around the dot's centre (see shaders/README.md).
in vec2 aPosition;      // quad corner in [-1, 1]
in vec2 aCenter;        // dot centre, photo px
in float aSize;         // healed diameter, photo px
in vec2 aRankTone;      // session rank in [0, 1), tone in [0, 1] (0.5 = the mean)

uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform mat3 uTransformMatrix;

uniform float uDevicePxPerUnit; // device px per photo px at the current zoom
uniform float uShare;           // dots with rank < uShare are drawn (the session's share)
uniform float uSizeScale;       // diameter multiplier (healing, ageing)

out vec2 vLocal;       // fragment position relative to the centre, device px
out float vRadius;     // dot radius, device px, never under MIN_RADIUS
out float vGain;       // ink scale keeping a small dot's total ink equal to its true area
out float vTone;
out float vPhase;

const float MIN_RADIUS = 0.75;
const float MARGIN = 1.5;

void main() {
    if (aRankTone.x >= uShare) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0); // outside the clip volume: not drawn
        return;
    }
    float radius = 0.5 * aSize * uSizeScale * uDevicePxPerUnit;
    float drawn = max(radius, MIN_RADIUS);
    vGain = (radius * radius) / (drawn * drawn);
    vRadius = drawn;
    float halfSize = drawn * 1.25 + MARGIN;
    vLocal = aPosition * halfSize;
    vTone = aRankTone.y * 2.0 - 1.0;
    vPhase = fract(aRankTone.x * 613.7 + aRankTone.y * 97.3) * 6.2831853;
    vec2 world = aCenter + aPosition * (halfSize / uDevicePxPerUnit);
    mat3 mvp = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
    gl_Position = vec4((mvp * vec3(world, 1.0)).xy, 0.0, 1.0);
}
