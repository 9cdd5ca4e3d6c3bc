in float vRadius;
in float vGain;
in float vTone;
in float vPhase;
in float vHalf;

void main() {
    inkAt((gl_PointCoord * 2.0 - 1.0) * vHalf, vRadius, vGain, vTone, vPhase);
}
