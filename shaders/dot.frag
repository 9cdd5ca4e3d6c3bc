in vec2 vLocal;
in float vRadius;
in float vGain;
in float vTone;
in float vPhase;

void main() {
    inkAt(vLocal, vRadius, vGain, vTone, vPhase);
}
