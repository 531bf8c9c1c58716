package io.pqkmcu.codegen.frontend;

import io.pqkmcu.codegen.render.TemplateRenderer;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.frontend.FeatureQuantization;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.frontend.FrontEndTables;
import io.pqkmcu.model.frontend.MelBand;
import io.pqkmcu.model.quant.QuantMath;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a model's front-end tables ({@link FrontEndTables}) and output quantization into C: one
 * {@code const pqk_frontend_config} named by the caller plus the const arrays it points at. All values
 * are computed here; the templates ({@code frontend_tables.c.ftl}, {@code frontend_tables.h.ftl},
 * {@code frontend_table.ftl}) only lay them out. Output is deterministic: same inputs, same bytes.
 */
public final class FrontEndSourceGenerator {
    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int VALUES_PER_ROW = 12;

    private final String generator;

    /** @param generatorVersion the pqk-mcu version named in the first comment of every file */
    public FrontEndSourceGenerator(String generatorVersion) {
        if (generatorVersion == null || generatorVersion.isBlank()) {
            throw new IllegalArgumentException("generator version is empty");
        }
        this.generator = "pqk-mcu " + commentSafe(generatorVersion);
    }

    /**
     * The front end of {@code model}: its front-end config, its input tensor's quantization and its name.
     *
     * @throws IllegalArgumentException if the model has no audio front end
     */
    public FrontEndSources generate(Int8Model model, String symbol) {
        if (model.frontEnd() == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no audio front end (its input is given"
                    + " directly), so there is no front end to generate");
        }
        TensorSpec in = model.input();
        return generate(model.frontEnd(), new FeatureQuantization(in.scale(), in.zeroPoint()), symbol, model.name());
    }

    /**
     * @param config     the front-end config of the model (from its model file)
     * @param quant      the model input tensor's quantization
     * @param symbol     C name of the generated {@code pqk_frontend_config}; also the file base name and
     *                   the prefix of every table
     * @param sourceName what the tables came from, e.g. the model name; named in the first comment
     */
    public FrontEndSources generate(FrontEndConfig config, FeatureQuantization quant, String symbol, String sourceName) {
        if (config == null || quant == null) {
            throw new IllegalArgumentException("front-end config and feature quantization are required");
        }
        if (symbol == null || !C_IDENTIFIER.matcher(symbol).matches()) {
            throw new IllegalArgumentException("front-end symbol '" + symbol + "' is not a C identifier"
                    + " (letters, digits and _, not starting with a digit, at most 63 characters)");
        }
        if (sourceName == null || sourceName.isBlank()) {
            throw new IllegalArgumentException("source name is empty; pass the model name the tables come from");
        }
        FrontEndTables tables = FrontEndTables.of(config);
        Map<String, Object> model = model(tables, quant, symbol, sourceName);
        String header = TemplateRenderer.render("frontend_tables.h.ftl", model);
        String source = TemplateRenderer.render("frontend_tables.c.ftl", model);
        return new FrontEndSources(symbol + ".h", header, symbol + ".c", source);
    }

    private Map<String, Object> model(FrontEndTables tables, FeatureQuantization quant, String symbol, String sourceName) {
        FrontEndConfig c = tables.config();
        boolean mfcc = c.type() == FrontEndConfig.FeatureType.MFCC;
        QuantMath.Multiplier mul = quant.multiplier();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", generator);
        m.put("source", commentSafe(sourceName));
        m.put("summary", summary(c, quant, mul));
        m.put("symbol", symbol);
        m.put("headerFile", symbol + ".h");
        m.put("macroPrefix", symbol.toUpperCase(Locale.ROOT));
        m.put("guard", symbol.toUpperCase(Locale.ROOT) + "_H");
        boolean real = c.fft() == FrontEndConfig.FftKind.REAL;
        m.put("type", mfcc ? "PQK_FRONTEND_MFCC" : "PQK_FRONTEND_LOG_MEL");
        m.put("fftKind", real ? "PQK_FRONTEND_FFT_REAL" : "PQK_FRONTEND_FFT_COMPLEX");
        m.put("spectrumBins", tables.spectrumBins());
        m.put("twiddleCosPointer", real ? "NULL" : symbol + "_twiddle_cos");
        m.put("twiddleSinPointer", real ? "NULL"
                : sharedSineTable(tables) != null ? symbol + "_twiddle_cos + " + c.fftSize() / 4 : symbol + "_twiddle_sin");
        m.put("twiddlePointer", real ? symbol + "_twiddle" : "NULL");
        m.put("clipSamples", c.clipSamples());
        m.put("windowSamples", c.windowSamples());
        m.put("strideSamples", c.strideSamples());
        m.put("fftSize", c.fftSize());
        m.put("fftLog2", tables.fftLog2());
        m.put("melBins", c.melBins());
        m.put("coefficients", mfcc ? c.coefficients() : 0);
        m.put("frames", c.frames());
        m.put("featuresPerFrame", c.featuresPerFrame());
        m.put("featureCount", c.frames() * c.featuresPerFrame());
        m.put("scratchWords", tables.scratchWords());
        m.put("dctPointer", mfcc ? symbol + "_dct" : "NULL");
        m.put("outputMultiplier", mul.multiplier());
        m.put("outputShift", mul.shift());
        m.put("outputZeroPoint", quant.zeroPoint());
        m.put("tables", tables(tables, symbol, mfcc));
        // Only a CMN config names the field, which exists only in -DPQK_FRONTEND_CMN=1 builds: the tables of
        // every other model are unchanged, and a CMN model's do not compile without the normalisation.
        m.put("cmn", c.normalization() == FrontEndConfig.Normalization.CMN);
        return m;
    }

    private static List<Map<String, Object>> tables(FrontEndTables t, String symbol, boolean mfcc) {
        FrontEndConfig c = t.config();
        List<MelBand> bands = t.melBands();
        int[] first = new int[bands.size()];
        int[] count = new int[bands.size()];
        int[] offset = new int[bands.size()];
        int[] weights = new int[t.melWeightCount()];
        int at = 0;
        for (int b = 0; b < bands.size(); b++) {
            first[b] = bands.get(b).firstBin();
            count[b] = bands.get(b).binCount();
            offset[b] = at;
            for (short w : bands.get(b).weights()) {
                weights[at++] = w;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        short[] window = t.window();
        out.add(table("int16_t", symbol + "_window", "periodic Hann window, Q15: its first half, w[i] = w["
                + c.windowSamples() + " - i]", ints(firstHalfOfWindow(window))));
        if (c.fft() == FrontEndConfig.FftKind.REAL) {
            short[] cos = t.twiddleCos();
            short[] sin = t.twiddleSin();
            String[] packed = new String[cos.length];
            for (int k = 0; k < cos.length; k++) {
                // cos in the low half, -sin in the high half: one load gives both to SMLSD / SMLADX.
                long word = (cos[k] & 0xFFFFL) | ((sin[k] & 0xFFFFL) << 16);
                packed[k] = String.format(Locale.ROOT, "0x%08XU", word);
            }
            out.add(table("uint32_t", symbol + "_twiddle", "cos(2 pi k / " + c.fftSize() + ") | -sin(2 pi k / "
                    + c.fftSize() + ") << 16, Q15 (fft_size / 2 + 1)", packed));
        } else {
            short[] shared = sharedSineTable(t);
            if (shared != null) {
                out.add(table("int16_t", symbol + "_twiddle_cos", "cos(2 pi k / " + c.fftSize() + "), Q15 (3 fft_size / 4); "
                        + "-sin(2 pi k / " + c.fftSize() + ") = entry k + fft_size / 4", ints(shared)));
            } else {
                out.add(table("int16_t", symbol + "_twiddle_cos", "cos(2 pi k / " + c.fftSize() + "), Q15 (fft_size / 2)", ints(t.twiddleCos())));
                out.add(table("int16_t", symbol + "_twiddle_sin", "-sin(2 pi k / " + c.fftSize() + "), Q15 (fft_size / 2)", ints(t.twiddleSin())));
            }
        }
        out.add(table("int16_t", symbol + "_mel_first_bin", "first FFT bin of each mel filter (mel_bins)", first));
        out.add(table("int16_t", symbol + "_mel_bin_count", "FFT bins of each mel filter (mel_bins)", count));
        if (at > Short.MAX_VALUE) { // each FFT bin is in at most two filters: at most 2 * 2049 weights
            throw new IllegalStateException(at + " mel weights: their offsets do not fit int16");
        }
        out.add(table("int16_t", symbol + "_mel_weight_offset", "start of each mel filter in the weights (mel_bins)", offset));
        out.add(table("int16_t", symbol + "_mel_weights", "triangular mel weights, Q15, filter after filter", weights));
        if (mfcc) {
            out.add(table("int16_t", symbol + "_dct", "DCT-II, Q15: the first (mel_bins + 1) / 2 of each row (coefficients, "
                    + (c.melBins() + 1) / 2 + "); row j is symmetric for even j, antisymmetric for odd j",
                    ints(firstHalfOfDctRows(t.dct(), c.coefficients(), c.melBins()))));
        }
        out.add(table("uint16_t", symbol + "_log2_table", "log2(1 + i / 256), Q16 modulo 2^16 (257; the last, 65536, is 0)",
                log2TableModulo(t.log2Table())));
        return out;
    }

    /**
     * Entries 0 .. n/2 + 1 of the window (all of a shorter one): the C reads w[n - i] past the middle, so
     * the window must be symmetric, as FrontEndTables builds it.
     */
    static short[] firstHalfOfWindow(short[] window) {
        int n = window.length;
        for (int i = 1; i < n; i++) {
            if (window[i] != window[n - i]) {
                throw new IllegalStateException("window not symmetric at " + i + ": pqk_frontend.c stores its first half only");
            }
        }
        return java.util.Arrays.copyOf(window, Math.min(n / 2 + 2, n));
    }

    /** The first (melBins + 1) / 2 entries of each DCT row; the C folds the log-mel row so that they suffice. */
    static short[] firstHalfOfDctRows(short[] dct, int coefficients, int melBins) {
        int half = (melBins + 1) / 2;
        short[] out = new short[coefficients * half];
        for (int j = 0; j < coefficients; j++) {
            for (int m = 0; m < melBins; m++) {
                int mirrored = dct[j * melBins + melBins - 1 - m];
                if (dct[j * melBins + m] != ((j & 1) == 0 ? mirrored : -mirrored)) {
                    throw new IllegalStateException("DCT row " + j + " not (anti)symmetric at " + m
                            + ": pqk_frontend.c stores half of each row");
                }
            }
            System.arraycopy(dct, j * melBins, out, j * half, half);
        }
        return out;
    }

    /**
     * COMPLEX FFT: -sin(2 pi k / N) = cos(2 pi (k + N/4) / N), so one table of cos over k &lt; 3N/4 serves both
     * (twiddle_sin points N/4 entries into it: 3N/4 values instead of N). Null when the rounded tables do not
     * agree on their overlap (then both are emitted).
     */
    static short[] sharedSineTable(FrontEndTables t) {
        short[] cos = t.twiddleCos();
        short[] sin = t.twiddleSin();
        int quarter = t.config().fftSize() / 4;
        if (t.config().fft() != FrontEndConfig.FftKind.COMPLEX || quarter == 0 || cos.length != 2 * quarter) {
            return null;
        }
        for (int k = 0; k < quarter; k++) {
            if (sin[k] != cos[k + quarter]) {
                return null;
            }
        }
        short[] shared = java.util.Arrays.copyOf(cos, 3 * quarter);
        System.arraycopy(sin, quarter, shared, 2 * quarter, quarter);
        return shared;
    }

    /** The log2 table as uint16: its values are below 2^16 but the last, 65536, which becomes 0. */
    static int[] log2TableModulo(int[] table) {
        int[] out = new int[table.length];
        for (int i = 0; i < table.length; i++) {
            if (table[i] < 0 || table[i] > 65536 || (table[i] == 65536) != (i == table.length - 1)) {
                throw new IllegalStateException("log2 table entry " + i + " = " + table[i] + " does not fit uint16 modulo 2^16");
            }
            out[i] = table[i] & 0xFFFF;
        }
        return out;
    }

    private static Map<String, Object> table(String ctype, String name, String comment, int[] values) {
        String[] text = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            text[i] = Integer.toString(values[i]);
        }
        return table(ctype, name, comment, text);
    }

    private static Map<String, Object> table(String ctype, String name, String comment, String[] values) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i += VALUES_PER_ROW) {
            StringBuilder row = new StringBuilder();
            for (int j = i; j < Math.min(values.length, i + VALUES_PER_ROW); j++) {
                if (j > i) {
                    row.append(", ");
                }
                row.append(values[j]);
            }
            rows.add(row.toString());
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("ctype", ctype);
        t.put("name", name);
        t.put("comment", comment);
        t.put("length", values.length);
        t.put("rows", rows);
        return t;
    }

    private static int[] ints(short[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** The front-end constants, for the first comment of each file (self-describing output). */
    private static List<String> summary(FrontEndConfig c, FeatureQuantization q, QuantMath.Multiplier mul) {
        List<String> lines = new ArrayList<>();
        lines.add("Front end v" + (c.fft() == FrontEndConfig.FftKind.REAL ? 2 : 1) + " (" + c.fft() + " FFT): " + c.type() + ", " + c.sampleRate() + " Hz, clip " + c.clipSamples() + " samples, window "
                + c.windowSamples() + ", stride " + c.strideSamples() + ", FFT " + c.fftSize() + ",");
        lines.add("  " + c.melBins() + " mel bins " + decimal(c.lowHz()) + "-" + decimal(c.highHz()) + " Hz"
                + (c.type() == FrontEndConfig.FeatureType.MFCC ? ", " + c.coefficients() + " coefficients" : "")
                + " -> " + c.frames() + " x " + c.featuresPerFrame() + " features.");
        if (c.normalization() == FrontEndConfig.Normalization.CMN) {
            lines.add("Per-window cepstral mean normalisation (CMN) before int8: compile with -DPQK_FRONTEND_CMN=1.");
        }
        lines.add("int8 output: scale " + decimal(q.inputScale()) + " (log2 units per step), zero point " + q.zeroPoint()
                + " -> multiplier " + mul.multiplier() + ", shift " + mul.shift() + ".");
        return lines;
    }

    /** A double as a short, locale- and JDK-independent decimal (9 significant digits). */
    private static String decimal(double v) {
        return new BigDecimal(v).round(new MathContext(9)).stripTrailingZeros().toPlainString();
    }

    /** Text that cannot end a C comment or break its line. */
    private static String commentSafe(String s) {
        return s.replace("*/", "* /").replaceAll("[\\p{Cntrl}]", " ");
    }
}
