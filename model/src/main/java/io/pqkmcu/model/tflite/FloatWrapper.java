package io.pqkmcu.model.tflite;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFormatException;
import io.pqkmcu.model.quant.QuantMath;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The float32 edges of an imported model that had QUANTIZE first and DEQUANTIZE last: the quantization
 * of TFLite's reference kernels ({@code round(x / scale) + zp} in float32, half away from zero, clamped)
 * and dequantization ({@code (float) (scale · (q − zp))}).
 */
public record FloatWrapper(double scale, int zeroPoint) {
    /** The wrapper recorded under a metadata key, or null when the model has none there. */
    public static FloatWrapper of(Int8Model m, String key) {
        String v = m.metadata().get(key);
        if (v == null) {
            return null;
        }
        String[] p = v.trim().split(" ");
        try {
            return new FloatWrapper(Double.parseDouble(p[0]), Integer.parseInt(p[1]));
        } catch (RuntimeException e) {
            throw new ModelFormatException("metadata " + key + " = '" + v + "' is not 'scale zero_point'");
        }
    }

    public byte[] quantize(byte[] float32le) {
        ByteBuffer b = ByteBuffer.wrap(float32le).order(ByteOrder.LITTLE_ENDIAN);
        byte[] q = new byte[float32le.length / 4];
        float s = (float) scale;
        for (int i = 0; i < q.length; i++) {
            long v = QuantMath.roundHalfAway(b.getFloat() / s) + zeroPoint;
            q[i] = (byte) Math.max(-128, Math.min(127, v));
        }
        return q;
    }

    public byte[] dequantize(byte[] q) {
        ByteBuffer b = ByteBuffer.allocate(4 * q.length).order(ByteOrder.LITTLE_ENDIAN);
        for (byte v : q) {
            b.putFloat((float) (scale * (v - zeroPoint)));
        }
        return b.array();
    }
}
