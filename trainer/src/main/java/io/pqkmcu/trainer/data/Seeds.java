package io.pqkmcu.trainer.data;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent random seeds from a master seed and a name ("clip/yes/0a1b2c3d/0"), so that each
 * piece of generated data depends only on the seed and its own name — not on thread scheduling or on
 * the order in which other pieces were made.
 */
public final class Seeds {
    private Seeds() {}

    public static long derive(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the name's UTF-8 bytes
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h ^ mix(seed + 0x9E3779B97F4A7C15L));
    }

    /** A java.util.Random (whose algorithm the Java SE specification fixes) for the named piece. */
    public static java.util.Random random(long seed, String name) {
        return new java.util.Random(derive(seed, name));
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
