package io.pqkmcu.codegen.frontend;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.pqkmcu.codegen.toolchain.HostCompiler;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FeatureQuantization;
import io.pqkmcu.model.frontend.FrontEndConfig.FeatureType;
import io.pqkmcu.model.frontend.FrontEndConfig;
import static io.pqkmcu.model.frontend.FrontEndConfig.Normalization.CMN;
import io.pqkmcu.model.frontend.FrontEndTables;
import io.pqkmcu.model.quant.QuantMath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The C front end (generated tables + pqk_frontend.c, built as a host .so) against the Java reference,
 * value for value: Q10 raw features and int8 features, on several hundred clips and ten configs (both
 * FFT kinds, three of them with per-window cepstral mean normalisation). The library is built with
 * -DPQK_FRONTEND_CMN=1, as a CMN model's Makefile builds it; the NONE configs also run through a build
 * without it, the one every other model gets.
 */
class FrontEndBitExactnessTest {
    /** The configs under test, each with the int8 quantization its generated struct carries. */
    record Case(String symbol, FrontEndConfig config, FeatureQuantization quant) {}

    static final List<Case> CASES = List.of(
            new Case("fe_mfcc", FrontEndConfig.mfccDefault(), new FeatureQuantization(1.0, -10)),
            new Case("fe_logmel", FrontEndConfig.logMelDefault(), new FeatureQuantization(0.25, -128)),
            new Case("fe_mfcc_640_1024_13",
                    new FrontEndConfig(FeatureType.MFCC, 16000, 16000, 640, 320, 1024, 40, 20, 7600, 13),
                    new FeatureQuantization(0.6, 5)),
            new Case("fe_logmel_400_64",
                    new FrontEndConfig(FeatureType.LOG_MEL, 16000, 16000, 400, 160, 512, 64, 60, 8000, 1),
                    new FeatureQuantization(0.125, 0)),
            // REAL FFT with an odd window (a half-filled last word) and filters up to N/2 (bin k = M of the split).
            new Case("fe_logmel_odd_window_full_band",
                    new FrontEndConfig(FeatureType.LOG_MEL, 16000, 16000, 479, 320, 512, 32, 0, 8000, 1),
                    new FeatureQuantization(0.3, -20)),
            // Front end version 1 (models written before the REAL FFT).
            new Case("fe_mfcc_complex", FrontEndConfig.mfccDefault().withFft(FrontEndConfig.FftKind.COMPLEX),
                    new FeatureQuantization(1.0, -10)),
            new Case("fe_logmel_400_64_complex",
                    new FrontEndConfig(FeatureType.LOG_MEL, 16000, 16000, 400, 160, 512, 64, 60, 8000, 1,
                            FrontEndConfig.FftKind.COMPLEX),
                    new FeatureQuantization(0.125, 0)),
            // Cepstral mean normalisation: 49 frames (odd, no ties), 98 frames (even: sums that tie the rounding).
            new Case("fe_mfcc_cmn", FrontEndConfig.mfccDefault().withNormalization(CMN), new FeatureQuantization(0.05, 0)),
            new Case("fe_logmel_cmn", FrontEndConfig.logMelDefault().withNormalization(CMN),
                    new FeatureQuantization(0.05, -3)),
            new Case("fe_mfcc_400_64_13_complex_cmn",
                    new FrontEndConfig(FeatureType.MFCC, 16000, 16000, 400, 160, 512, 64, 60, 8000, 13,
                            FrontEndConfig.FftKind.COMPLEX, CMN),
                    new FeatureQuantization(0.03, 2)));

    static boolean cmn(Case c) {
        return c.config().normalization() == CMN;
    }

    /** Extra output quantizations run through the same C code with the struct's fields overridden. */
    static final List<FeatureQuantization> EXTRA_QUANT = List.of(
            new FeatureQuantization(0.01, 127), new FeatureQuantization(7.3, -128), new FeatureQuantization(0.0004, 0));

    /** The extra quantizations run on every fourth clip (each is a full C front-end run). */
    static List<FeatureQuantization> extraQuantFor(int clipIndex) {
        return clipIndex % 4 == 0 ? EXTRA_QUANT : List.of();
    }

    /** The test-only C shim: selects a config by index so one .so serves every case. */
    interface Shim extends Library {
        int shim_scratch_size(int which);

        int shim_raw(int which, short[] audio, int[] out, int[] scratch);

        int shim_run(int which, short[] audio, byte[] out, int[] scratch);

        int shim_run_with(int which, int multiplier, int shift, int zeroPoint, short[] audio, byte[] out, int[] scratch);

        int shim_run_broken(int which, int what, short[] audio, byte[] out, int[] scratch);
    }

    static Shim shim;
    static Shim ubsanShim;
    /** Built without -DPQK_FRONTEND_CMN: the NONE cases only, in CASES order. */
    static Shim plainShim;
    static Map<String, short[]> clips;
    /** Java's raw features per case (same order as CASES), per clip (same order as clips). */
    static List<List<int[]>> javaRaw;

    @BeforeAll
    static void buildLibrary(@TempDir Path dir) throws java.io.IOException {
        List<String> cmnFlag = List.of("-DPQK_FRONTEND_CMN=1");
        Path so = build(dir, CASES, cmnFlag, "libfrontend_test.so");
        shim = Native.load(so.toAbsolutePath().toString(), Shim.class);
        // The same sources under UBSan: any shift or overflow the bounds analysis missed aborts the run.
        Path ubsan = build(dir, CASES, List.of("-DPQK_FRONTEND_CMN=1", "-fsanitize=undefined", "-fno-sanitize-recover=all"),
                "libfrontend_ubsan.so");
        ubsanShim = Native.load(ubsan.toAbsolutePath().toString(), Shim.class);
        Path plainDir = java.nio.file.Files.createDirectories(dir.resolve("plain"));
        Path plain = build(plainDir, CASES.stream().filter(c -> !cmn(c)).toList(), List.of(), "libfrontend_plain.so");
        plainShim = Native.load(plain.toAbsolutePath().toString(), Shim.class);
        clips = new LinkedHashMap<>(TestClips.synthetic());
        clips.putAll(TestClips.speech(dir));
        javaRaw = new ArrayList<>();
        for (Case c : CASES) {
            AudioFrontEnd fe = new AudioFrontEnd(c.config());
            List<int[]> raws = new ArrayList<>();
            for (short[] clip : clips.values()) {
                raws.add(fe.raw(clip));
            }
            javaRaw.add(raws);
        }
    }

    /** The shim, the cases' generated tables and pqk_frontend.c as one host library. */
    private static Path build(Path dir, List<Case> cases, List<String> flags, String name) {
        FrontEndSourceGenerator generator = new FrontEndSourceGenerator("test");
        List<Path> sources = new ArrayList<>();
        StringBuilder includes = new StringBuilder();
        StringBuilder table = new StringBuilder();
        for (Case c : cases) {
            FrontEndSources s = generator.generate(c.config(), c.quant(), c.symbol(), "bit-exactness test " + c.symbol());
            CSources.write(dir.resolve(s.headerFileName()), s.header());
            CSources.write(dir.resolve(s.sourceFileName()), s.source());
            sources.add(dir.resolve(s.sourceFileName()));
            includes.append("#include \"").append(s.headerFileName()).append("\"\n");
            table.append("    &").append(c.symbol()).append(",\n");
        }
        CSources.copyRuntime(dir, "pqk_common.h", "pqk_frontend.h", "pqk_frontend.c");
        sources.add(dir.resolve("pqk_frontend.c"));
        String shimSource = includes
                + "#include <stddef.h>\n"
                + "static const pqk_frontend_config *const configs[] = {\n" + table + "};\n"
                + "int32_t shim_scratch_size(int32_t which) { return pqk_frontend_scratch_size(configs[which]); }\n"
                + "int32_t shim_raw(int32_t which, const int16_t *audio, int32_t *out, int32_t *scratch)\n"
                + "{ return pqk_frontend_raw(configs[which], audio, out, scratch); }\n"
                + "int32_t shim_run(int32_t which, const int16_t *audio, int8_t *out, int32_t *scratch)\n"
                + "{ return pqk_frontend_run(configs[which], audio, out, scratch); }\n"
                + "int32_t shim_run_with(int32_t which, int32_t multiplier, int32_t shift, int32_t zero_point,\n"
                + "                      const int16_t *audio, int8_t *out, int32_t *scratch)\n"
                + "{\n"
                + "    pqk_frontend_config c = *configs[which];\n"
                + "    c.output_multiplier = multiplier;\n"
                + "    c.output_shift = shift;\n"
                + "    c.output_zero_point = zero_point;\n"
                + "    return pqk_frontend_run(&c, audio, out, scratch);\n"
                + "}\n"
                + "/* A config corrupted in one way (what), which the front end must refuse. */\n"
                + "int32_t shim_run_broken(int32_t which, int32_t what, const int16_t *audio, int8_t *out, int32_t *scratch)\n"
                + "{\n"
                + "    pqk_frontend_config c = *configs[which];\n"
                + "    switch (what) {\n"
                + "    case 0: c.fft_log2 += 1; break;\n"
                + "    case 1: c.window = NULL; break;\n"
                + "    case 2: c.frames += 1; break;\n"
                + "    case 3: c.window_samples = c.fft_size + 1; break;\n"
                + "    case 4: c.output_zero_point = 128; break;\n"
                + "    case 5: c.fft_kind = 9; break;\n"
                + "    case 6: c.twiddle = NULL; break;\n"
                + "    case 7: c.spectrum_bins = c.fft_size; break;\n"
                + "#if PQK_FRONTEND_CMN\n"
                + "    case 8: c.normalization = 2; break;\n"
                + "#endif\n"
                + "    default: c.type = 7; break;\n"
                + "    }\n"
                + "    return pqk_frontend_run(&c, audio, out, scratch);\n"
                + "}\n";
        CSources.write(dir.resolve("shim.c"), shimSource);
        sources.add(dir.resolve("shim.c"));
        return HostCompiler.buildSharedLibrary(sources, List.of(dir), dir.resolve(name), flags);
    }

    @Test
    void enoughClips() {
        assertTrue(clips.size() >= 200, "only " + clips.size() + " clips");
        assertTrue(clips.keySet().stream().filter(n -> n.startsWith("speech")).count() >= 40, "too little speech");
    }

    @Test
    void undefinedBehaviourSanitizerFindsNothing() {
        // -fno-sanitize-recover makes UB abort the JVM, which fails the build loudly; the comparison
        // also proves the instrumented build computes the same values.
        List<String> mismatches = new ArrayList<>();
        for (int which = 0; which < CASES.size(); which++) {
            AudioFrontEnd fe = new AudioFrontEnd(CASES.get(which).config());
            int[] scratch = new int[ubsanShim.shim_scratch_size(which) / 4];
            int index = 0;
            for (Map.Entry<String, short[]> clip : clips.entrySet()) {
                if (index++ % 3 != 0) {
                    continue;
                }
                int[] cRaw = new int[fe.outputSize()];
                byte[] cQ = new byte[fe.outputSize()];
                assertEquals(0, ubsanShim.shim_raw(which, clip.getValue(), cRaw, scratch));
                QuantMath.Multiplier big = EXTRA_QUANT.get(2).multiplier(); // shift > 0: saturating path
                assertEquals(0, ubsanShim.shim_run_with(which, big.multiplier(), big.shift(), 127, clip.getValue(), cQ, scratch));
                int[] raw = javaRaw.get(which).get(index - 1);
                compare(CASES.get(which).symbol() + " / " + clip.getKey() + " ubsan raw", raw, cRaw, mismatches);
                compare(CASES.get(which).symbol() + " / " + clip.getKey() + " ubsan int8",
                        fe.quantize(raw, EXTRA_QUANT.get(2).inputScale(), 127), cQ, mismatches);
            }
        }
        assertTrue(mismatches.isEmpty(), () -> String.join("\n", mismatches));
    }

    @Test
    void scratchSizeAgreesWithJava() {
        for (int i = 0; i < CASES.size(); i++) {
            assertEquals(FrontEndTables.of(CASES.get(i).config()).scratchWords() * 4, shim.shim_scratch_size(i), CASES.get(i).symbol());
        }
    }

    @Test
    void rawAndInt8FeaturesMatchJavaOnEveryClip() {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int which = 0; which < CASES.size(); which++) {
            Case c = CASES.get(which);
            AudioFrontEnd fe = new AudioFrontEnd(c.config());
            int[] scratch = new int[shim.shim_scratch_size(which) / 4];
            int index = 0;
            for (Map.Entry<String, short[]> clip : clips.entrySet()) {
                String where = c.symbol() + " / " + clip.getKey();
                int[] raw = javaRaw.get(which).get(index);
                int[] cRaw = new int[raw.length];
                assertEquals(0, shim.shim_raw(which, clip.getValue(), cRaw, scratch), where);
                compare(where + " raw", raw, cRaw, mismatches);

                byte[] javaQ = fe.features(clip.getValue(), c.quant().inputScale(), c.quant().zeroPoint());
                byte[] cQ = new byte[javaQ.length];
                assertEquals(0, shim.shim_run(which, clip.getValue(), cQ, scratch), where);
                compare(where + " int8", javaQ, cQ, mismatches);

                for (FeatureQuantization q : extraQuantFor(index)) {
                    QuantMath.Multiplier mul = q.multiplier();
                    byte[] jq = fe.quantize(raw, q.inputScale(), q.zeroPoint());
                    byte[] cq = new byte[jq.length];
                    assertEquals(0, shim.shim_run_with(which, mul.multiplier(), mul.shift(), q.zeroPoint(), clip.getValue(), cq, scratch));
                    compare(where + " int8 " + q, jq, cq, mismatches);
                }
                index++;
                compared++;
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " comparisons differ over " + compared + " clip/config pairs; first:\n"
                    + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
        }
    }

    @Test
    void int8ComparisonsCoverBothRailsAndTheMiddle() {
        // Guard against a vacuous int8 comparison: per case, the quantizations compared above must
        // produce −128, 127 and values in between.
        for (int which = 0; which < CASES.size(); which++) {
            Case c = CASES.get(which);
            AudioFrontEnd fe = new AudioFrontEnd(c.config());
            boolean low = false;
            boolean high = false;
            boolean middle = false;
            for (int index = 0; index < clips.size(); index++) {
                List<FeatureQuantization> quants = new ArrayList<>(extraQuantFor(index));
                quants.add(c.quant());
                int[] raw = javaRaw.get(which).get(index);
                for (FeatureQuantization q : quants) {
                    for (byte b : fe.quantize(raw, q.inputScale(), q.zeroPoint())) {
                        low |= b == -128;
                        high |= b == 127;
                        middle |= b > -100 && b < 100;
                    }
                }
            }
            assertTrue(low && high && middle, c.symbol() + ": low " + low + " high " + high + " middle " + middle);
        }
    }

    @Test
    void corruptConfigIsRefused() {
        short[] audio = new short[16000];
        byte[] out = new byte[49 * 10];
        int[] scratch = new int[shim.shim_scratch_size(0) / 4];
        for (int what = 0; what < 10; what++) {
            assertEquals(-1, shim.shim_run_broken(0, what, audio, out, scratch), "corruption " + what);
            assertEquals(-1, plainShim.shim_run_broken(0, what, audio, out, scratch), "corruption " + what + ", plain");
        }
        int cmnCase = CASES.indexOf(CASES.stream().filter(FrontEndBitExactnessTest::cmn).findFirst().orElseThrow());
        int[] cmnScratch = new int[shim.shim_scratch_size(cmnCase) / 4];
        for (int what = 0; what < 10; what++) {
            assertEquals(-1, shim.shim_run_broken(cmnCase, what, audio, out, cmnScratch), "CMN, corruption " + what);
        }
    }

    @Test
    void noneConfigsMatchJavaInABuildWithoutCmn() {
        // What every model without normalisation compiles: no PQK_FRONTEND_CMN, no `normalization` field.
        List<String> mismatches = new ArrayList<>();
        int plain = 0;
        for (int which = 0; which < CASES.size(); which++) {
            Case c = CASES.get(which);
            if (cmn(c)) {
                continue;
            }
            AudioFrontEnd fe = new AudioFrontEnd(c.config());
            assertEquals(FrontEndTables.of(c.config()).scratchWords() * 4, plainShim.shim_scratch_size(plain), c.symbol());
            int[] scratch = new int[plainShim.shim_scratch_size(plain) / 4];
            int index = 0;
            for (Map.Entry<String, short[]> clip : clips.entrySet()) {
                if (index % 5 == 0) {
                    String where = c.symbol() + " / " + clip.getKey() + " plain";
                    int[] raw = javaRaw.get(which).get(index);
                    int[] cRaw = new int[raw.length];
                    assertEquals(0, plainShim.shim_raw(plain, clip.getValue(), cRaw, scratch), where);
                    compare(where + " raw", raw, cRaw, mismatches);
                    byte[] cQ = new byte[raw.length];
                    assertEquals(0, plainShim.shim_run(plain, clip.getValue(), cQ, scratch), where);
                    compare(where + " int8", fe.quantize(raw, c.quant().inputScale(), c.quant().zeroPoint()), cQ, mismatches);
                }
                index++;
            }
            plain++;
        }
        assertTrue(mismatches.isEmpty(), () -> String.join("\n", mismatches));
    }

    @Test
    void cmnClipsIncludeNegativeSumsAndTies() {
        // The floor division matters only for negative sums that F does not divide, and the + F/2 rounding
        // only for ties (sum ≡ F/2 mod F, even F): the clips above must contain both, negative ties too.
        int negative = 0;
        int ties = 0;
        int negativeTies = 0;
        for (Case c : CASES) {
            if (!cmn(c)) {
                continue;
            }
            AudioFrontEnd fe = new AudioFrontEnd(c.config());
            int frames = c.config().frames();
            int features = c.config().featuresPerFrame();
            for (short[] clip : clips.values()) {
                int[] raw = fe.rawFrames(clip, 0, frames);
                for (int j = 0; j < features; j++) {
                    long sum = 0;
                    for (int f = 0; f < frames; f++) {
                        sum += raw[f * features + j];
                    }
                    long rounded = sum + frames / 2;
                    if (rounded < 0 && rounded % frames != 0) {
                        negative++;
                    }
                    if (frames % 2 == 0 && Math.floorMod(sum, frames) == frames / 2) {
                        ties++;
                        negativeTies += sum < 0 ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(negative > 100 && ties > 10 && negativeTies > 5,
                "negative " + negative + ", ties " + ties + ", negative ties " + negativeTies);
    }

    private static void compare(String where, int[] expected, int[] actual, List<String> mismatches) {
        if (!Arrays.equals(expected, actual)) {
            int i = Arrays.mismatch(expected, actual);
            mismatches.add(where + ": value " + i + " Java " + expected[i] + " C " + actual[i]);
        }
    }

    private static void compare(String where, byte[] expected, byte[] actual, List<String> mismatches) {
        if (!Arrays.equals(expected, actual)) {
            int i = Arrays.mismatch(expected, actual);
            mismatches.add(where + ": value " + i + " Java " + expected[i] + " C " + actual[i]);
        }
    }
}
