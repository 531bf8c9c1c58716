package io.pqkmcu.trainer.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A synthetic speaker: an espeak-ng voice (accent) with a variant (timbre) at a base pitch and speed.
 * Utterances vary pitch and speed around the base.
 *
 * @param voice   espeak-ng voice name, e.g. "en-gb-scotland"
 * @param variant espeak-ng variant, e.g. "m3", "f2", "klatt"
 * @param pitch   base pitch, espeak-ng's -p scale 0..99
 * @param speed   base speed in words per minute (espeak-ng -s)
 */
public record SynthSpeaker(String voice, String variant, int pitch, int speed) {

    public SynthSpeaker {
        if (pitch < 0 || pitch > 99) {
            throw new IllegalArgumentException("espeak-ng pitch must be in 0..99, got " + pitch);
        }
        if (speed < 80 || speed > 450) {
            throw new IllegalArgumentException("espeak-ng speed must be in 80..450 words per minute, got " + speed);
        }
    }

    /** The espeak-ng -v argument. */
    public String voiceArgument() {
        return voice + "+" + variant;
    }

    /** 8 hex digits of the SHA-1 of the speaker's parameters; the file-name prefix before "_nohash_". */
    public String id() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1")
                    .digest((voiceArgument() + "/p" + pitch + "/s" + speed).getBytes(StandardCharsets.UTF_8));
            return String.format("%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }
}
