package io.pqkmcu.model;

import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.util.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The {@code .pqkm} model file: a 16-byte header — magic "PQKM", format version (u16), reserved (u16),
 * payload length (u32), CRC-32C of the payload (u32) — followed by the payload (big-endian fields, see
 * {@link #encodePayload}). Truncated, corrupt or foreign files are rejected with a message that says which.
 * Every header byte is checked: the magic, version and reserved (zero) fields by value, the length against
 * the file and the CRC against the payload. Each layer's weights carry PQK's pruning mask, one bit per
 * weight: a record for tools ({@link Int8Model#prunedFraction()}), checked on read against the weights
 * (see {@link QuantizedWeights}).
 */
public final class ModelFile {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'P', 'Q', 'K', 'M'};
    private static final int HEADER_BYTES = 16;
    private static final int MAX_COUNT = 1 << 26;

    private ModelFile() {}

    public static void write(Int8Model model, Path path) {
        AtomicFiles.write(path, toBytes(model));
    }

    public static Int8Model read(Path path) {
        return decode(path, ModelFile::fromBytes);
    }

    /**
     * Reads a model file of any format (.pqkm, .tflite) and decodes it: a missing file, a folder or an
     * unreadable path, and every defect the decoder finds, is a {@link ModelFormatException} naming the file.
     */
    public static <T> T decode(Path path, Function<byte[], T> decoder) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            String problem = io.pqkmcu.model.util.PathProblems.notAFile(path);
            throw new ModelFormatException(problem == null || problem.equals("no such file")
                    ? "model file not found: " + path : path + ": " + problem);
        } catch (IOException e) {
            String problem = io.pqkmcu.model.util.PathProblems.notAFile(path);
            if (problem != null) {
                throw new ModelFormatException(path + ": " + problem);
            }
            throw new UncheckedIOException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
        try {
            return decoder.apply(bytes);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        }
    }

    public static byte[] toBytes(Int8Model model) {
        byte[] payload = encodePayload(model);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buf.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(payload.length).putInt((int) crc.getValue());
        buf.put(payload);
        return buf.array();
    }

    public static Int8Model fromBytes(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new ModelFormatException("not a pqk model: " + bytes.length + " bytes is shorter than the 16-byte header");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[4];
        buf.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new ModelFormatException("not a pqk model (.pqkm): the file does not start with 'PQKM'");
        }
        int version = Short.toUnsignedInt(buf.getShort());
        if (version != VERSION) {
            throw new ModelFormatException("model format version " + version + " is not supported (this pqk reads version "
                    + VERSION + "); re-export the model with this pqk");
        }
        int reserved = Short.toUnsignedInt(buf.getShort());
        if (reserved != 0) {
            // every header byte is checked: magic, version and these by value, length and CRC against the payload
            throw new ModelFormatException(String.format("model file is corrupt: reserved header bytes 6..7 are 0x%04x,"
                    + " expected 0", reserved));
        }
        long length = Integer.toUnsignedLong(buf.getInt());
        int expectedCrc = buf.getInt();
        long actual = bytes.length - HEADER_BYTES;
        if (actual < length) {
            throw new ModelFormatException("model file is truncated: header announces " + length
                    + " payload bytes, file holds " + actual);
        }
        if (actual > length) {
            throw new ModelFormatException("model file has " + (actual - length) + " unexpected bytes after the payload");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, (int) length);
        if ((int) crc.getValue() != expectedCrc) {
            throw new ModelFormatException(String.format(
                    "model file is corrupt: checksum mismatch (stored %08x, computed %08x)", expectedCrc, (int) crc.getValue()));
        }
        try {
            return decodePayload(new DataInputStream(new ByteArrayInputStream(bytes, HEADER_BYTES, (int) length)));
        } catch (EOFException e) {
            throw new ModelFormatException("model payload ends early although its checksum matches; the writer was faulty", e);
        } catch (IOException e) {
            throw new ModelFormatException("cannot decode model payload: " + e.getMessage(), e);
        }
    }

    /** CRC-32C of the encoded model, the checksum generated files quote to name the model they came from. */
    public static String checksum(Int8Model model) {
        CRC32C crc = new CRC32C();
        crc.update(encodePayload(model));
        return String.format("%08x", (int) crc.getValue());
    }

    private static byte[] encodePayload(Int8Model m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(m.name());
            out.writeInt(m.labels().size());
            for (String l : m.labels()) {
                out.writeUTF(l);
            }
            FrontEndConfig fe = m.frontEnd();
            out.writeBoolean(fe != null);
            if (fe != null) {
                // Bits 0-1: feature type; bits 2-3: normalisation; high nibble: FFT kind. Files written before the
                // REAL FFT have 0 there and read as COMPLEX, the FFT their model was trained with; files written
                // before normalisation have 0 in bits 2-3 and read as NONE. A pqk that predates the REAL FFT or
                // normalisation rejects the new files (an unknown feature type or FFT kind) instead of computing
                // other features.
                out.writeByte(fe.type().ordinal() | fe.normalization().ordinal() << 2 | fe.fft().ordinal() << 4);
                out.writeInt(fe.sampleRate());
                out.writeInt(fe.clipSamples());
                out.writeInt(fe.windowSamples());
                out.writeInt(fe.strideSamples());
                out.writeInt(fe.fftSize());
                out.writeInt(fe.melBins());
                out.writeDouble(fe.lowHz());
                out.writeDouble(fe.highHz());
                out.writeInt(fe.coefficients());
            }
            out.writeInt(m.metadata().size());
            for (var e : m.metadata().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(m.tensors().size());
            for (TensorSpec t : m.tensors()) {
                out.writeUTF(t.name());
                out.writeInt(t.height());
                out.writeInt(t.width());
                out.writeInt(t.channels());
                out.writeDouble(t.scale());
                out.writeInt(t.zeroPoint());
            }
            out.writeInt(m.inputId());
            out.writeInt(m.outputId());
            out.writeInt(m.ops().size());
            for (Op op : m.ops()) {
                OpCodec.write(out, op);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Int8Model decodePayload(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int nLabels = count(in, "labels");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < nLabels; i++) {
            labels.add(in.readUTF());
        }
        FrontEndConfig fe = null;
        if (in.readBoolean()) {
            int typeAndFft = in.readUnsignedByte();
            int type = typeAndFft & 0x03;
            int normalization = (typeAndFft >> 2) & 0x03;
            int fft = typeAndFft >> 4;
            if (type >= FrontEndConfig.FeatureType.values().length) {
                throw new ModelFormatException("unknown front-end feature type " + type);
            }
            if (normalization >= FrontEndConfig.Normalization.values().length) {
                throw new ModelFormatException("unknown front-end feature normalisation " + normalization
                        + " (written by a newer pqk?)");
            }
            if (fft >= FrontEndConfig.FftKind.values().length) {
                throw new ModelFormatException("unknown front-end FFT kind " + fft + " (written by a newer pqk?)");
            }
            try {
                fe = new FrontEndConfig(FrontEndConfig.FeatureType.values()[type], in.readInt(), in.readInt(), in.readInt(),
                        in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readInt(),
                        FrontEndConfig.FftKind.values()[fft], FrontEndConfig.Normalization.values()[normalization]);
                // the tables are what eval, the stream detector and the generated C all build first: a setting that
                // cannot produce them (a mel band with no FFT bin) is a defect of this file, named now
                io.pqkmcu.model.frontend.FrontEndTables.of(fe);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("invalid front-end settings: " + e.getMessage());
            }
        }
        TreeMap<String, String> meta = new TreeMap<>();
        int nMeta = count(in, "metadata entries");
        for (int i = 0; i < nMeta; i++) {
            meta.put(in.readUTF(), in.readUTF());
        }
        int nTensors = count(in, "tensors");
        List<TensorSpec> tensors = new ArrayList<>();
        for (int i = 0; i < nTensors; i++) {
            tensors.add(new TensorSpec(i, in.readUTF(), in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readInt()));
        }
        int inputId = in.readInt();
        int outputId = in.readInt();
        int nOps = count(in, "operations");
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < nOps; i++) {
            ops.add(OpCodec.read(in));
        }
        if (in.available() > 0) {
            throw new ModelFormatException("model payload has " + in.available() + " bytes after the last operation");
        }
        return new Int8Model(name, labels, fe, tensors, ops, inputId, outputId, meta);
    }

    static int count(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new ModelFormatException("implausible number of " + what + ": " + n);
        }
        return n;
    }
}
