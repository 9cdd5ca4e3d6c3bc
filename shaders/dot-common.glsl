// Shared by both stages (prepended to dot-look.glsl and dot-ink.glsl).
// How far the red of freshly worked skin reaches around a dot, device px.
float haloRadius(float radius, float redness) {
    return radius * (1.0 + 1.8 * redness) + 1.5 * redness;
}
