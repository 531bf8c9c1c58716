package io.pqkmcu.trainer.data;

import java.util.Locale;

/**
 * How varied a synthetic set's speakers are, each level including the one before it.
 *
 * <ul>
 *   <li>{@link #PLAIN}: the engines' English voices at a base pitch and speed (espeak-ng with 18 variants);</li>
 *   <li>{@link #ACCENTS}: also other languages' voices speaking the English words with their own letter-to-sound
 *       rules and phonemes, as foreign accents: espeak-ng's, and RHVoice's Russian, Ukrainian, Polish, Brazilian
 *       Portuguese, Macedonian, Albanian, Esperanto, Kyrgyz and Tatar voices, each a recorded speaker;</li>
 *   <li>{@link #TRANSFORMS}: also every espeak-ng variant, and per speaker a vocal-tract-length factor, a
 *       synthesized room and a telephone/microphone channel ({@link SynthSpeaker}).</li>
 * </ul>
 */
public enum SpeakerVariety {
    PLAIN,
    ACCENTS,
    TRANSFORMS;

    /** The variety the command-line flags ask for: transforms include accents. */
    public static SpeakerVariety of(boolean accents, boolean transforms) {
        return transforms ? TRANSFORMS : accents ? ACCENTS : PLAIN;
    }

    /** True when other languages' voices speak a share of the speakers. */
    public boolean accents() {
        return this != PLAIN;
    }

    /** True when speakers get vocal-tract, room and channel transforms and espeak-ng uses every variant. */
    public boolean transforms() {
        return this == TRANSFORMS;
    }

    /** The manifest and command-line name: plain, accents, transforms. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
