package io.pqkmcu.model.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The three disjoint parts of a dataset. */
public enum Split {
    TRAIN("train"),
    VALIDATION("validation"),
    TEST("test");

    /** Speech Commands' MAX_NUM_WAVS_PER_CLASS (2^27 − 1): the hash is taken modulo this plus one. */
    private static final long MAX_PER_CLASS = (1L << 27) - 1;

    private final String label;

    Split(String label) {
        this.label = label;
    }

    /** Lower-case name used in files and reports. */
    public String label() {
        return label;
    }

    /**
     * Speech Commands' {@code which_set}: the SHA-1 of the speaker id (the file name before
     * {@code _nohash_}), taken modulo 2^27 and scaled to a percentage, picks the split. Every clip of a
     * speaker lands in the same split, and adding clips never moves existing ones.
     */
    public static Split bySpeakerHash(String speakerId, double validationPercent, double testPercent) {
        double percentage = hashPercentage(speakerId);
        if (percentage < validationPercent) {
            return VALIDATION;
        }
        if (percentage < validationPercent + testPercent) {
            return TEST;
        }
        return TRAIN;
    }

    /** Speech Commands' percentage_hash: int(sha1(id).hexdigest(), 16) % 2^27 × 100 / (2^27 − 1). */
    static double hashPercentage(String speakerId) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-1").digest(speakerId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e); // every Java SE runtime must provide it
        }
        // the digest as a 160-bit big-endian integer modulo 2^27 is its last 27 bits
        long low = ((d[16] & 0xFFL) << 24) | ((d[17] & 0xFFL) << 16) | ((d[18] & 0xFFL) << 8) | (d[19] & 0xFFL);
        return (low % (MAX_PER_CLASS + 1)) * (100.0 / MAX_PER_CLASS);
    }
}
