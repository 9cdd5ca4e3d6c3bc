in vec2 vLocal;
in float vRadius;
in float vGain;
in float vTone;
in float vPhase;
in vec4 vLook;

void main() {
    inkAt(vLocal, vRadius, vGain, vTone, vPhase, vLook.x, vLook.y, vLook.z, vLook.w);
}
