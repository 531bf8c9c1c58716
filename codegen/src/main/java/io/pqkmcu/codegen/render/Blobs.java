package io.pqkmcu.codegen.render;

import io.pqkmcu.model.util.AtomicFiles;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Binary blobs that a firmware's assembly file pulls in with {@code .incbin} (the test data, the stream
 * data), by project-relative path: kept out of C source so that large data never passes through the C
 * compiler, and can be rewritten without regenerating the project.
 */
public final class Blobs {
    private final SortedMap<String, byte[]> files = new TreeMap<>();

    /** Three blobs by project-relative path. */
    public Blobs(String path1, byte[] blob1, String path2, byte[] blob2, String path3, byte[] blob3) {
        files.put(path1, blob1);
        files.put(path2, blob2);
        files.put(path3, blob3);
    }

    /** The blob at {@code path}. */
    public byte[] get(String path) {
        return files.get(path);
    }

    /** Flash the blobs take. */
    public long flashBytes() {
        long n = 0;
        for (byte[] b : files.values()) {
            n += b.length;
        }
        return n;
    }

    /** The blobs by project-relative path. */
    public SortedMap<String, byte[]> files() {
        return new TreeMap<>(files);
    }

    /** Rewrites the blobs of an existing project (each file atomically). */
    public void write(Path projectDir) {
        for (var e : files.entrySet()) {
            AtomicFiles.write(projectDir.resolve(e.getKey()), e.getValue());
        }
    }

    /** Audio samples as little-endian int16, the layout the firmware reads them in. */
    public static byte[] int16le(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
