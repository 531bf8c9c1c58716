package io.pqkmcu.trainer.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A synthetic speaker: a synthesiser voice (accent) with a variant (timbre) at a base pitch and speed,
 * turned into a different person by speaker transforms: a vocal-tract-length factor (all formants and the
 * pitch scaled together, as a longer or shorter vocal tract does), a room (a synthesized reverberation
 * impulse response, or none) and a channel (telephone or microphone band-limiting and EQ, or none).
 * Utterances vary pitch and speed around the base.
 *
 * @param engine  the synthesiser
 * @param voice   the engine's voice name, e.g. "en-gb-scotland" (espeak-ng), "en-GB" (Pico), "slt" (RHVoice)
 * @param variant espeak-ng variant, e.g. "m3", "f2", "klatt"; "" for the other engines, which have none
 * @param pitch   base pitch on espeak-ng's -p scale 0..99; for Pico and RHVoice, 50 is the voice's own pitch
 *                and each step is {@link #CENTS_PER_PITCH_STEP} cents (applied by sox for Pico, by RHVoice itself)
 * @param speed   base speed in words per minute (espeak-ng -s); for Pico and RHVoice, speed / 175 scales the
 *                voice's own rate (sox tempo for Pico, RHVoice's rate)
 * @param warpPermille vocal-tract-length factor × 1000 (1000 = unchanged; 900 = formants 10 % lower)
 * @param room    reverberation room number, 0 = dry; the impulse response is synthesized from it ({@link Acoustics})
 * @param channel the microphone or line the speaker is heard through ({@link Acoustics.Channel})
 */
public record SynthSpeaker(SynthEngine engine, String voice, String variant, int pitch, int speed, int warpPermille,
                           int room, Acoustics.Channel channel) {
    /** espeak-ng's nominal speed; the other engines' rate factor is speed / this. */
    public static final int NOMINAL_WPM = 175;
    public static final int CENTS_PER_PITCH_STEP = 8;

    public SynthSpeaker {
        if (pitch < 0 || pitch > 99) {
            throw new IllegalArgumentException("espeak-ng pitch must be in 0..99, got " + pitch);
        }
        if (speed < 80 || speed > 450) {
            throw new IllegalArgumentException("espeak-ng speed must be in 80..450 words per minute, got " + speed);
        }
        if (warpPermille < 700 || warpPermille > 1400) {
            throw new IllegalArgumentException("vocal-tract-length factor must be in 0.7..1.4, got " + warpPermille / 1000.0);
        }
        if (room < 0) {
            throw new IllegalArgumentException("room must be ≥ 0, got " + room);
        }
    }

    /** A plain espeak-ng speaker: no vocal-tract change, dry, flat channel. */
    public SynthSpeaker(String voice, String variant, int pitch, int speed) {
        this(SynthEngine.ESPEAK_NG, voice, variant, pitch, speed, 1000, 0, Acoustics.Channel.FLAT);
    }

    /** The espeak-ng -v argument. */
    public String voiceArgument() {
        return variant.isEmpty() ? voice : voice + "+" + variant;
    }

    /** True when no transform changes the engine's voice. */
    public boolean untransformed() {
        return warpPermille == 1000 && room == 0 && channel == Acoustics.Channel.FLAT;
    }

    /**
     * 8 hex digits of the SHA-1 of the speaker's parameters; the file-name prefix before "_nohash_". A plain
     * espeak-ng speaker hashes exactly as before speaker transforms existed, so its id is unchanged.
     */
    public String id() {
        String key = voiceArgument() + "/p" + pitch + "/s" + speed;
        if (engine != SynthEngine.ESPEAK_NG) {
            key = engine.key + ":" + key;
        }
        if (!untransformed()) {
            key += "/w" + warpPermille + "/r" + room + "/c" + channel.key;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
            return String.format("%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }
}
