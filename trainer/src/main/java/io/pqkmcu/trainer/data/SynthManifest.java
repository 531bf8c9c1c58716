package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.util.AtomicFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code synth.json} (machine-readable: options, espeak-ng version, speakers, counts) and
 * {@code README.md} (for people) beside a synthetic dataset. Both are deterministic: no timestamps, no
 * host paths, and nothing that depends on the machine (such as the thread count).
 */
public final class SynthManifest {
    static final String GENERATOR = "pqk-mcu synthetic KWS generator 1";

    private SynthManifest() {}

    static void write(Path root, SynthOptions o, SynthResult r, List<String> voices, List<String> variants) {
        AtomicFiles.writeString(root.resolve(SyntheticKwsGenerator.MANIFEST), json(o, r, voices, variants));
        AtomicFiles.writeString(root.resolve("README.md"), readme(o, r));
    }

    static String json(SynthOptions o, SynthResult r, List<String> voices, List<String> variants) {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"generator\": ").append(str(GENERATOR)).append(",\n");
        j.append("  \"espeakNgVersion\": ").append(str(r.espeakVersion())).append(",\n");
        j.append("  \"sampleRate\": ").append(SyntheticKwsGenerator.SAMPLE_RATE).append(",\n");
        j.append("  \"clipSamples\": ").append(SyntheticKwsGenerator.CLIP_SAMPLES).append(",\n");
        j.append("  \"options\": {\n");
        j.append("    \"seed\": ").append(o.seed()).append(",\n");
        j.append("    \"speakers\": ").append(o.speakers()).append(",\n");
        j.append("    \"repetitions\": ").append(o.repetitions()).append(",\n");
        j.append("    \"keywords\": ").append(strings(o.keywords())).append(",\n");
        j.append("    \"unknownWords\": ").append(strings(o.unknownWords())).append(",\n");
        j.append("    \"unknownPerWord\": ").append(o.unknownPerWord()).append(",\n");
        j.append("    \"validationPercent\": ").append(num(o.validationPercent())).append(",\n");
        j.append("    \"testPercent\": ").append(num(o.testPercent())).append(",\n");
        j.append("    \"noiseProbability\": ").append(num(o.noiseProbability())).append(",\n");
        j.append("    \"snrMinDb\": ").append(num(o.snrMinDb())).append(",\n");
        j.append("    \"snrMaxDb\": ").append(num(o.snrMaxDb())).append(",\n");
        j.append("    \"noiseSeconds\": ").append(o.noiseSeconds()).append(",\n");
        List<String> engineKeys = new java.util.ArrayList<>();
        for (SynthEngine e : o.engines()) {
            engineKeys.add(e.key);
        }
        j.append("    \"engines\": ").append(strings(engineKeys)).append(",\n");
        j.append("    \"speakerVariety\": ").append(str(o.variety().key())).append("\n");
        j.append("  },\n");
        j.append("  \"voices\": ").append(strings(voices)).append(",\n");
        j.append("  \"variants\": ").append(strings(variants)).append(",\n");
        j.append("  \"clipsPerSplit\": {");
        String sep = "";
        for (Map.Entry<Split, Integer> e : r.clipsPerSplit().entrySet()) {
            j.append(sep).append(str(e.getKey().label())).append(": ").append(e.getValue());
            sep = ", ";
        }
        j.append("},\n");
        j.append("  \"clipsPerWord\": {");
        sep = "";
        for (Map.Entry<String, Integer> e : r.clipsPerWord().entrySet()) {
            j.append(sep).append(str(e.getKey())).append(": ").append(e.getValue());
            sep = ", ";
        }
        j.append("},\n");
        j.append("  \"backgroundNoise\": ").append(strings(r.noiseFiles())).append(",\n");
        j.append("  \"speakers\": [\n");
        for (int i = 0; i < r.speakers().size(); i++) {
            SynthResult.Assigned a = r.speakers().get(i);
            SynthSpeaker s = a.speaker();
            j.append("    {\"id\": ").append(str(s.id())).append(", \"voice\": ").append(str(s.voice()))
                    .append(", \"variant\": ").append(str(s.variant())).append(", \"pitch\": ").append(s.pitch())
                    .append(", \"speed\": ").append(s.speed()).append(", \"engine\": ").append(str(s.engine().key))
                    .append(", \"vocalTract\": ").append(num(s.warpPermille() / 1000.0)).append(", \"room\": ").append(s.room())
                    .append(", \"channel\": ").append(str(s.channel().key)).append(", \"split\": ").append(str(a.split().label()))
                    .append('}').append(i + 1 < r.speakers().size() ? "," : "").append('\n');
        }
        j.append("  ]\n}\n");
        return j.toString();
    }

    /** "espeak-ng 1.51 and RHVoice": the engines that spoke the words. */
    public static String engineDescription(SynthOptions o, SynthResult r) {
        List<String> names = new java.util.ArrayList<>();
        for (SynthEngine e : o.engines()) {
            names.add(switch (e) {
                case ESPEAK_NG -> "espeak-ng " + r.espeakVersion();
                case PICO -> "SVOX Pico (pico2wave) and sox";
                case RHVOICE -> "RHVoice";
            });
        }
        return String.join(" and ", names);
    }

    static String readme(SynthOptions o, SynthResult r) {
        return "# Synthetic keyword-spotting dataset\n\n"
                + "Made by " + GENERATOR + " with " + engineDescription(o, r) + ", seed " + o.seed() + ".\n"
                + "The same options and espeak-ng version reproduce these files byte for byte; `synth.json` holds\n"
                + "every option and the speaker table.\n\n"
                + "Layout (as Google Speech Commands v2): `<word>/<speaker>_nohash_<n>.wav` (16 kHz mono int16, 1 s),\n"
                + "`validation_list.txt` and `testing_list.txt` (split by speaker hash), `_background_noise_/`.\n\n"
                + "- " + r.totalClips() + " clips: " + r.clipsPerSplit().get(Split.TRAIN) + " train, "
                + r.clipsPerSplit().get(Split.VALIDATION) + " validation, " + r.clipsPerSplit().get(Split.TEST) + " test\n"
                + "- " + o.speakers() + " speakers (" + "engine voice" + (o.engines().contains(SynthEngine.ESPEAK_NG) ? " (+ espeak-ng variant)" : "")
                + " + base pitch and speed" + (o.variety().accents() ? "; other languages' voices as accents for "
                + (int) (SyntheticKwsGenerator.ACCENT_SHARE * 100) + " %" : "") + (o.variety().transforms() ? "; vocal-tract length 0.88..1.12, a synthesized room for "
                + (int) (SyntheticKwsGenerator.ROOM_SHARE * 100) + " %, a telephone/microphone channel for "
                + (int) (SyntheticKwsGenerator.NON_FLAT_CHANNEL_SHARE * 100) + " %" : "") + "), "
                + o.repetitions() + " repetitions of each keyword per speaker\n"
                + "- keywords: " + String.join(" ", o.keywords()) + "\n"
                + "- other words (" + o.unknownPerWord() + " clips each): " + String.join(" ", o.unknownWords()) + "\n"
                + "- per utterance: speed ±12 %, pitch ±8, peak level " + (int) ClipComposer.PEAK_MIN_DBFS + ".."
                + (int) ClipComposer.PEAK_MAX_DBFS + " dBFS, random time shift; background noise with probability "
                + num(o.noiseProbability()) + " at " + num(o.snrMinDb()) + ".." + num(o.snrMaxDb()) + " dB SNR\n"
                + "- background noise: " + String.join(", ", r.noiseFiles()) + " (" + o.noiseSeconds() + " s each)\n\n"
                + "Synthetic speech is far cleaner and less varied than real recordings: use this set to exercise the\n"
                + "tool chain and for demos, not to estimate accuracy on real speech.\n";
    }

    private static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** Shortest round-trip form; integers without a fraction. */
    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
