// Shared by dot.vert and dot-point.vert: a dot's drawn radius and the ink scale that keeps its total ink equal to
// its true area at any zoom (a dot under a pixel is drawn at MIN_RADIUS, fainter, instead of flickering or vanishing).
uniform float uDevicePxPerUnit; // device px per photo px at the current zoom
uniform float uShare;           // dots with rank < uShare are drawn (the session's share of the density)
uniform float uSizeScale;       // diameter multiplier (healing, ageing)
uniform highp float uSoftness;
uniform highp float uIrregular;

const float MIN_RADIUS = 0.75;

// Returns (drawn radius, gain, half the footprint's side), all device px.
vec3 dotSize(float diameter) {
    float radius = 0.5 * diameter * uSizeScale * uDevicePxPerUnit;
    float drawn = max(radius, MIN_RADIUS);
    float edge = max(1.0, uSoftness * drawn);
    // An antialiased disc of radius r and edge e holds about π(r² + e²/12) of ink.
    float gain = (radius * radius) / (drawn * drawn + edge * edge / 12.0);
    float rMax = drawn * (1.0 + uIrregular);
    float halfSize = rMax + 0.5 * max(1.0, uSoftness * rMax) + 0.25;
    return vec3(drawn, gain, halfSize);
}
