package io.pqkmcu.model.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, including broken ones, for tests. */
public final class WavBytes {
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private String riff = "RIFF";
    private String wave = "WAVE";

    public static WavBytes pcm(int sampleRate, int channels, int bits, byte[] data) {
        return new WavBytes().fmt(WavFile.FORMAT_PCM, channels, sampleRate, bits).chunk("data", data);
    }

    public static WavBytes mono16(int sampleRate, short... samples) {
        return pcm(sampleRate, 1, 16, le16(samples));
    }

    public WavBytes riff(String magic) {
        this.riff = magic;
        return this;
    }

    public WavBytes wave(String type) {
        this.wave = type;
        return this;
    }

    public WavBytes fmt(int code, int channels, int sampleRate, int bits) {
        int align = channels * bits / 8;
        return chunk("fmt ", le().putShort((short) code).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * align).putShort((short) align).putShort((short) bits).array16());
    }

    /** WAVE_FORMAT_EXTENSIBLE with the given subformat code (1 = PCM). */
    public WavBytes fmtExtensible(int subCode, int channels, int sampleRate, int bits) {
        int align = channels * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(sampleRate).putInt(sampleRate * align)
                .putShort((short) align).putShort((short) bits).putShort((short) 22).putShort((short) bits).putInt(4);
        b.putShort((short) subCode).put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
                (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    /** A chunk with the given body, padded to even length as RIFF requires. */
    public WavBytes chunk(String id, byte[] body) {
        return rawChunk(id, body.length, body, body.length % 2 == 1);
    }

    /** A chunk header announcing {@code announced} bytes followed by {@code body} (which may be shorter). */
    public WavBytes rawChunk(String id, long announced, byte[] body, boolean pad) {
        chunks.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        chunks.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) announced).array());
        chunks.writeBytes(body);
        if (pad) {
            chunks.write(0);
        }
        return this;
    }

    public byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(riff.getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length)
                .put(wave.getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return b.array();
    }

    static byte[] le16(short... samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    private static Le le() {
        return new Le();
    }

    /** A little-endian 16-byte fmt body under construction. */
    private static final class Le {
        private final ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);

        Le putShort(short v) {
            b.putShort(v);
            return this;
        }

        Le putInt(int v) {
            b.putInt(v);
            return this;
        }

        byte[] array16() {
            return b.array();
        }
    }
}
