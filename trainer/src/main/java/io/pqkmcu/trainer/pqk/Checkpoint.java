package io.pqkmcu.trainer.pqk;

import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.trainer.nn.NamedArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A training checkpoint: every parameter, optimiser moment and piece of state (BN statistics, masks,
 * activation observers), the step reached, and the fingerprint of the settings that produced it.
 * Written atomically with a CRC-32C, so a crash mid-write leaves the previous checkpoint intact.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x50514B43; // "PQKC"
    private static final int VERSION = 1;
    /** Arrays under this prefix (training history) are informational and not matched against the network. */
    public static final String EXTRA_PREFIX = "extra.";

    public final String fingerprint;
    public final String architecture;
    public final int step;
    public final Map<String, float[]> arrays;

    public Checkpoint(String fingerprint, String architecture, int step, Map<String, float[]> arrays) {
        this.fingerprint = fingerprint;
        this.architecture = architecture;
        this.step = step;
        this.arrays = arrays;
    }

    public static Checkpoint capture(String fingerprint, String architecture, int step, List<NamedArray> state) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (NamedArray a : state) {
            if (m.put(a.name(), a.values().clone()) != null) {
                throw new IllegalStateException("duplicate state name " + a.name());
            }
        }
        return new Checkpoint(fingerprint, architecture, step, m);
    }

    /** Copies the saved values into the live arrays, refusing any mismatch in names or sizes. */
    public void restoreInto(List<NamedArray> live) {
        List<String> problems = new ArrayList<>();
        long savedCount = arrays.keySet().stream().filter(k -> !k.startsWith(EXTRA_PREFIX)).count();
        for (NamedArray a : live) {
            float[] saved = arrays.get(a.name());
            if (saved == null) {
                problems.add("missing " + a.name());
            } else if (saved.length != a.values().length) {
                problems.add(a.name() + " has " + saved.length + " values, expected " + a.values().length);
            }
        }
        if (live.size() != savedCount) {
            problems.add("checkpoint holds " + savedCount + " arrays, the network " + live.size());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("checkpoint does not match this network: " + String.join("; ", problems));
        }
        for (NamedArray a : live) {
            System.arraycopy(arrays.get(a.name()), 0, a.values(), 0, a.values().length);
        }
    }

    public void write(Path path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(fingerprint);
            out.writeUTF(architecture);
            out.writeInt(step);
            out.writeInt(arrays.size());
            for (Map.Entry<String, float[]> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                ByteBuffer b = ByteBuffer.allocate(4 * e.getValue().length);
                b.asFloatBuffer().put(e.getValue());
                out.write(b.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer file = ByteBuffer.allocate(16 + payload.length);
        file.putInt(MAGIC).putInt(VERSION).putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        AtomicFiles.write(path, file.array());
    }

    public static Checkpoint read(Path path) {
        byte[] data;
        try {
            data = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint not found: " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
        }
        if (data.length < 16) {
            throw new IllegalArgumentException(path + ": not a pqk checkpoint (too short)");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.getInt() != MAGIC) {
            throw new IllegalArgumentException(path + ": not a pqk checkpoint (bad magic)");
        }
        int version = b.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException(path + ": checkpoint version " + version + " is not supported");
        }
        int length = b.getInt();
        int storedCrc = b.getInt();
        if (length < 0 || data.length - 16 != length) {
            throw new IllegalArgumentException(path + ": checkpoint is truncated or padded (" + (data.length - 16)
                    + " payload bytes, header says " + length + ")");
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 16, length);
        if ((int) crc.getValue() != storedCrc) {
            throw new IllegalArgumentException(path + ": checkpoint is corrupt (checksum mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 16, length))) {
            String fp = in.readUTF();
            String arch = in.readUTF();
            int step = in.readInt();
            int n = in.readInt();
            Map<String, float[]> arrays = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int len = in.readInt();
                byte[] raw = new byte[4 * len];
                in.readFully(raw);
                float[] v = new float[len];
                ByteBuffer.wrap(raw).asFloatBuffer().get(v);
                arrays.put(name, v);
            }
            return new Checkpoint(fp, arch, step, arrays);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(path + ": checkpoint payload is malformed: " + e.getMessage(), e);
        }
    }
}
