in float vRadius;
in float vGain;
in float vTone;
in float vPhase;
in float vHalf;
in float vPixelInk;

void main() {
    if (vPixelInk > 0.0) {
        float ink = clamp(uOpacity * (1.0 + uToneVar * vTone), 0.0, 1.0) * vPixelInk;
        finalColor = vec4(uPigment * ink, ink);
        return;
    }
    inkAt((gl_PointCoord * 2.0 - 1.0) * vHalf, vRadius, vGain, vTone, vPhase);
}
