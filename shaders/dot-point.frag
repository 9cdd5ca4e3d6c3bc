in float vRadius;
in float vGain;
in float vTone;
in float vPhase;
in float vHalf;
in float vPixelInk;
in vec4 vLook;

void main() {
    if (vPixelInk > 0.0) {
        float amount = inkOf(vLook.x, vTone) * vPixelInk;
        multiplyBy(mix(vec3(1.0), pigmentOf(vLook.w, vLook.x), amount));
        return;
    }
    inkAt((gl_PointCoord * 2.0 - 1.0) * vHalf, vRadius, vGain, vTone, vPhase, vLook.x, vLook.y, vLook.z, vLook.w);
}
