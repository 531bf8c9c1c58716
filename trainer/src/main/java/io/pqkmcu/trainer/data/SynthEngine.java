package io.pqkmcu.trainer.data;

import java.util.Locale;

/**
 * A speech synthesiser a synthetic dataset is spoken by: espeak-ng (formant rules), SVOX Pico
 * ({@code pico2wave}, Debian's non-free libttspico-utils) or RHVoice (statistical parametric). A dataset may
 * mix several; whichever is left out of training gives a held-out set of voices the model never heard.
 * flite, festival and mbrola are not offered: they are reserved for checking the product from outside, so
 * nothing here trains or tunes on them.
 */
public enum SynthEngine {
    ESPEAK_NG("espeak-ng"),
    PICO("pico"),
    RHVOICE("rhvoice");

    /**
     * What `pqk data synth` and `pqk demo` train on: two unlike ways of making speech (espeak-ng's formant
     * rules, RHVoice's statistical parametric voices), so that a model learns the words rather than one
     * engine's sound. SVOX Pico stays out of it, as the held-out engine.
     */
    public static final java.util.List<SynthEngine> TRAINING = java.util.List.of(ESPEAK_NG, RHVOICE);

    /** The command-line and manifest name. */
    public final String key;

    SynthEngine(String key) {
        this.key = key;
    }

    /** Parses a comma-separated list such as "espeak-ng,rhvoice"; each engine at most once. */
    public static java.util.List<SynthEngine> parseList(String s) {
        java.util.List<SynthEngine> engines = new java.util.ArrayList<>();
        for (String part : s.split(",", -1)) {
            SynthEngine e = parse(part.strip());
            if (engines.contains(e)) {
                throw new IllegalArgumentException("engine '" + e.key + "' is listed twice in '" + s + "'");
            }
            engines.add(e);
        }
        return java.util.List.copyOf(engines);
    }

    public static SynthEngine parse(String s) {
        for (SynthEngine e : values()) {
            if (e.key.equals(s.toLowerCase(Locale.ROOT)) || e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown synthesis engine '" + s + "'; use espeak-ng, pico or rhvoice");
    }
}
