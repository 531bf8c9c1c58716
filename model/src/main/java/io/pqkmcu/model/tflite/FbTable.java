package io.pqkmcu.model.tflite;

import com.google.flatbuffers.Table;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One flatbuffer table, read by field number (the n-th field of a schema table sits at vtable slot
 * 4 + 2n). Every offset is checked against the buffer before it is followed, so a truncated or
 * corrupted file fails with {@link TfliteFormatException} naming the table and field, never with an
 * index error or an enormous allocation. {@code where} names the table for those messages.
 */
final class FbTable extends Table {
    final String where;

    private FbTable(ByteBuffer bb, int pos, String where) {
        this.where = where;
        checkRange(bb, pos, 4, where);
        int vtable = pos - bb.getInt(pos);
        checkRange(bb, vtable, 4, where + " vtable");
        int vtableSize = Short.toUnsignedInt(bb.getShort(vtable));
        if (vtableSize < 4 || (vtableSize & 1) != 0) {
            throw new TfliteFormatException(where + " has a malformed vtable (size " + vtableSize + ")");
        }
        checkRange(bb, vtable, vtableSize, where + " vtable");
        __reset(pos, bb);
    }

    /** The root table of a finished buffer (little-endian, offset at byte 0). */
    static FbTable root(ByteBuffer bb, String where) {
        bb.order(ByteOrder.LITTLE_ENDIAN);
        checkRange(bb, 0, 8, "file header");
        return new FbTable(bb, bb.getInt(0), where);
    }

    private static void checkRange(ByteBuffer bb, long pos, long len, String what) {
        if (pos < 0 || len < 0 || pos + len > bb.limit()) {
            throw new TfliteFormatException(what + " lies outside the file (offset " + pos + ", " + len
                    + " bytes, file " + bb.limit() + " bytes): the file is truncated or corrupt");
        }
    }

    private String field(int n) {
        return where + " field " + n;
    }

    /** Absolute position of field n's inline value, or 0 when it is absent (default). */
    private int pos(int n) {
        int o = __offset(4 + 2 * n);
        if (o == 0) {
            return 0;
        }
        checkRange(bb, bb_pos + (long) o, 1, field(n));
        return bb_pos + o;
    }

    boolean has(int n) {
        return __offset(4 + 2 * n) != 0;
    }

    int i32(int n, int dflt) {
        int p = pos(n);
        if (p == 0) {
            return dflt;
        }
        checkRange(bb, p, 4, field(n));
        return bb.getInt(p);
    }

    long u32(int n, long dflt) {
        int p = pos(n);
        if (p == 0) {
            return dflt;
        }
        checkRange(bb, p, 4, field(n));
        return Integer.toUnsignedLong(bb.getInt(p));
    }

    long i64(int n, long dflt) {
        int p = pos(n);
        if (p == 0) {
            return dflt;
        }
        checkRange(bb, p, 8, field(n));
        return bb.getLong(p);
    }

    int u8(int n, int dflt) {
        int p = pos(n);
        return p == 0 ? dflt : Byte.toUnsignedInt(bb.get(p));
    }

    int i8(int n, int dflt) {
        int p = pos(n);
        return p == 0 ? dflt : bb.get(p);
    }

    boolean bool(int n) {
        return u8(n, 0) != 0;
    }

    float f32(int n, float dflt) {
        int p = pos(n);
        if (p == 0) {
            return dflt;
        }
        checkRange(bb, p, 4, field(n));
        return bb.getFloat(p);
    }

    /** Follows the offset stored at absolute position p. */
    private int deref(int p, String what) {
        checkRange(bb, p, 4, what);
        long target = (long) p + Integer.toUnsignedLong(bb.getInt(p));
        checkRange(bb, target, 4, what);
        return (int) target;
    }

    /** Start of a vector's elements and its length, or null when the field is absent. */
    private int[] vector(int n, int elementBytes) {
        int p = pos(n);
        if (p == 0) {
            return null;
        }
        int v = deref(p, field(n));
        long len = Integer.toUnsignedLong(bb.getInt(v));
        checkRange(bb, v + 4L, len * elementBytes, field(n) + " (vector of " + len + ")");
        return new int[] {v + 4, (int) len};
    }

    int vectorLength(int n) {
        int[] v = vector(n, 4);
        return v == null ? 0 : v[1];
    }

    String string(int n) {
        int[] v = vector(n, 1);
        if (v == null) {
            return null;
        }
        byte[] b = new byte[v[1]];
        bb.get(v[0], b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    byte[] bytes(int n) {
        int[] v = vector(n, 1);
        if (v == null) {
            return null;
        }
        byte[] b = new byte[v[1]];
        bb.get(v[0], b);
        return b;
    }

    int[] ints(int n) {
        int[] v = vector(n, 4);
        if (v == null) {
            return null;
        }
        int[] r = new int[v[1]];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getInt(v[0] + 4 * i);
        }
        return r;
    }

    float[] floats(int n) {
        int[] v = vector(n, 4);
        if (v == null) {
            return null;
        }
        float[] r = new float[v[1]];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getFloat(v[0] + 4 * i);
        }
        return r;
    }

    long[] longs(int n) {
        int[] v = vector(n, 8);
        if (v == null) {
            return null;
        }
        long[] r = new long[v[1]];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getLong(v[0] + 8 * i);
        }
        return r;
    }

    /** A sub-table (or union value), or null when absent. */
    FbTable table(int n, String name) {
        int p = pos(n);
        return p == 0 ? null : new FbTable(bb, deref(p, field(n)), where + "." + name);
    }

    /** Element i of a vector of tables. */
    FbTable tableAt(int n, int i, String name) {
        int[] v = vector(n, 4);
        if (v == null || i >= v[1]) {
            throw new TfliteFormatException(field(n) + " has no element " + i);
        }
        return new FbTable(bb, deref(v[0] + 4 * i, field(n) + "[" + i + "]"), name);
    }
}
