package io.pqkmcu.trainer.data;

import java.util.Locale;

/**
 * The speech synthesiser a synthetic dataset is spoken by. espeak-ng is the training engine; SVOX Pico
 * ({@code pico2wave}, Debian's non-free libttspico-utils) is kept out of training so that a model can be
 * tested on voices it never heard. flite, festival and mbrola are not offered: they are reserved for
 * checking the product from outside, so nothing here trains or tunes on them.
 */
public enum SynthEngine {
    ESPEAK_NG("espeak-ng"),
    PICO("pico");

    /** The command-line and manifest name. */
    public final String key;

    SynthEngine(String key) {
        this.key = key;
    }

    public static SynthEngine parse(String s) {
        for (SynthEngine e : values()) {
            if (e.key.equals(s.toLowerCase(Locale.ROOT)) || e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown synthesis engine '" + s + "'; use espeak-ng or pico");
    }
}
