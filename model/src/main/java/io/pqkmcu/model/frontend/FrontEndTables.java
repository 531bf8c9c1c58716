package io.pqkmcu.model.frontend;

import io.pqkmcu.model.quant.QuantMath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every constant of the integer front end, computed once in floating point from a {@link FrontEndConfig}
 * and rounded with {@link QuantMath#roundHalfAway}. The Java front end ({@link AudioFrontEnd}) reads
 * these tables and codegen emits them verbatim as const C arrays, so both languages start from the
 * very same integers; nothing per frame is computed in floating point.
 *
 * <ul>
 *   <li>window[windowSamples]: periodic Hann 0.5 − 0.5·cos(2πn/windowSamples), Q15 (× 32767);</li>
 *   <li>twiddleCos / twiddleSin: cos(2πk/N) and −sin(2πk/N), Q15 (× 32767), k &lt; N/2 for the COMPLEX FFT,
 *       k ≤ N/2 for the REAL one (the split step uses W^k up to k = N/2; its N/2-point FFT uses the even k);</li>
 *   <li>bitReverse[N/8] (REAL only): the (log2 N − 3)-bit reversal of q, which places four inputs of the
 *       N/2-point FFT at once ({@link FixedFft#realSpectrum});</li>
 *   <li>mel bands: HTK mel scale 2595·log10(1 + f/700), melBins + 2 edges equally spaced in mel over
 *       [lowHz, highHz]; FFT bin k sits at k·sampleRate/N for k in [0, N/2]; band m is the triangle over
 *       edges m, m+1, m+2, <b>evaluated on the mel axis</b> (as TensorFlow's
 *       linear_to_mel_weight_matrix does), Q15 (× 32767), stored sparsely ({@link MelBand});</li>
 *   <li>dct[coefficients][melBins] (MFCC only): cos(π·j·(m + 0.5)/melBins)·sqrt(2/melBins), Q15
 *       (× 32768, clamped to int16);</li>
 *   <li>log2 table[257]: log2(1 + i/256), Q16 ({@link FixedLog2}).</li>
 * </ul>
 *
 * <p>Immutable; getters return copies. {@link #of} caches one instance per config.
 */
public final class FrontEndTables {
    private static final Map<FrontEndConfig, FrontEndTables> CACHE = new ConcurrentHashMap<>();

    private final FrontEndConfig config;
    private final int fftLog2;
    // Package-private for AudioFrontEnd, which must not pay for a copy per call; never modified.
    final short[] window;
    final short[] twiddleCos;
    final short[] twiddleSin;
    final int[] bitReverse; // REAL only, else empty
    final int spectrumBins; // bins 0..spectrumBins-1 are all the mel filters read
    final int[] melFirstBin;
    final short[][] melWeights;
    final short[] dct; // row-major [coefficients][melBins]; empty for LOG_MEL
    final int[] log2Table;

    private FrontEndTables(FrontEndConfig config) {
        this.config = config;
        this.fftLog2 = Integer.numberOfTrailingZeros(config.fftSize());
        this.window = hannWindow(config.windowSamples());
        boolean real = config.fft() == FrontEndConfig.FftKind.REAL;
        this.twiddleCos = new short[config.fftSize() / 2 + (real ? 1 : 0)];
        this.twiddleSin = new short[twiddleCos.length];
        for (int k = 0; k < twiddleCos.length; k++) {
            double angle = 2.0 * Math.PI * k / config.fftSize();
            twiddleCos[k] = q15(Math.cos(angle));
            twiddleSin[k] = q15(-Math.sin(angle));
        }
        List<MelBand> bands = melBands(config);
        this.melFirstBin = new int[bands.size()];
        this.melWeights = new short[bands.size()][];
        for (int m = 0; m < bands.size(); m++) {
            melFirstBin[m] = bands.get(m).firstBin();
            melWeights[m] = bands.get(m).weights();
        }
        int bins = 0;
        for (int m = 0; m < melFirstBin.length; m++) {
            bins = Math.max(bins, melFirstBin[m] + melWeights[m].length);
        }
        this.spectrumBins = bins;
        if (real) {
            int groupBits = fftLog2 - 3;
            this.bitReverse = new int[1 << groupBits];
            for (int q = 0; q < bitReverse.length; q++) {
                bitReverse[q] = FixedFft.bitReverse(q, groupBits);
            }
        } else {
            this.bitReverse = new int[0];
        }
        this.dct = config.type() == FrontEndConfig.FeatureType.MFCC ? dctMatrix(config.coefficients(), config.melBins()) : new short[0];
        this.log2Table = FixedLog2.table();
    }

    /** The tables for {@code config}, built on first use and cached (configs are value records). */
    public static FrontEndTables of(FrontEndConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("front-end config is null");
        }
        return CACHE.computeIfAbsent(config, FrontEndTables::new);
    }

    private static short q15(double v) {
        return (short) QuantMath.roundHalfAway(v * 32767.0);
    }

    private static short[] hannWindow(int n) {
        short[] w = new short[n];
        for (int i = 0; i < n; i++) {
            // cos(2π(n−i)/n) = cos(2πi/n); evaluating the smaller angle makes the rounded window exactly
            // symmetric (the two float evaluations can round apart at exact halves such as 16383.5).
            int j = Math.min(i, n - i);
            w[i] = q15(0.5 - 0.5 * Math.cos(2.0 * Math.PI * j / n));
        }
        return w;
    }

    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** Mel value of filter edge e in 0..melBins+1 (band m spans edges m, m+1, m+2). */
    public static double edgeMel(FrontEndConfig c, int e) {
        double lo = hzToMel(c.lowHz());
        double hi = hzToMel(c.highHz());
        return lo + e * (hi - lo) / (c.melBins() + 1);
    }

    private static List<MelBand> melBands(FrontEndConfig c) {
        int bins = c.fftSize() / 2 + 1;
        List<MelBand> bands = new ArrayList<>(c.melBins());
        for (int m = 0; m < c.melBins(); m++) {
            double left = edgeMel(c, m);
            double centre = edgeMel(c, m + 1);
            double right = edgeMel(c, m + 2);
            short[] w = new short[bins];
            int first = -1;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double mel = hzToMel((double) k * c.sampleRate() / c.fftSize());
                double tri = Math.min((mel - left) / (centre - left), (right - mel) / (right - centre));
                w[k] = tri > 0 ? q15(Math.min(tri, 1.0)) : 0;
                if (w[k] != 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "melBins %d: mel band %d (%.1f..%.1f Hz) contains no FFT bin (bin spacing %.2f Hz): use fewer "
                                + "mel bins, a wider frequency range or a larger fftSize", c.melBins(), m, melToHz(left),
                        melToHz(right),
                        (double) c.sampleRate() / c.fftSize()));
            }
            short[] run = new short[last - first + 1];
            System.arraycopy(w, first, run, 0, run.length);
            bands.add(new MelBand(first, run));
        }
        return bands;
    }

    private static short[] dctMatrix(int coefficients, int melBins) {
        short[] d = new short[coefficients * melBins];
        double norm = Math.sqrt(2.0 / melBins);
        for (int j = 0; j < coefficients; j++) {
            for (int m = 0; m < melBins; m++) {
                // cos(πj(M−1−m+½)/M) = (−1)^j·cos(πj(m+½)/M): evaluating the first half only makes each row exactly
                // (anti)symmetric, which the C front end relies on to store and sum half of each row.
                int k = Math.min(m, melBins - 1 - m);
                double v = Math.cos(Math.PI * j * (k + 0.5) / melBins) * norm;
                long q = QuantMath.clamp(QuantMath.roundHalfAway(v * 32768.0), Short.MIN_VALUE, Short.MAX_VALUE);
                d[j * melBins + m] = (short) (k != m && (j & 1) == 1 ? -q : q);
            }
        }
        return d;
    }

    public FrontEndConfig config() {
        return config;
    }

    /** log2(fftSize). */
    public int fftLog2() {
        return fftLog2;
    }

    /** Periodic Hann window, Q15, [windowSamples]. */
    public short[] window() {
        return window.clone();
    }

    /** cos(2πk/N), Q15, [fftSize/2] (COMPLEX) or [fftSize/2 + 1] (REAL). */
    public short[] twiddleCos() {
        return twiddleCos.clone();
    }

    /** −sin(2πk/N), Q15, same length as {@link #twiddleCos}. */
    public short[] twiddleSin() {
        return twiddleSin.clone();
    }

    /** REAL FFT only: bit reversal of q over log2(N) − 3 bits, [N/8]; empty for COMPLEX. */
    public int[] bitReverse() {
        return bitReverse.clone();
    }

    /** Number of spectrum bins the mel filters read: 1 + the highest bin of any filter. */
    public int spectrumBins() {
        return spectrumBins;
    }

    /** The melBins triangular filters, sparse. */
    public List<MelBand> melBands() {
        List<MelBand> out = new ArrayList<>(melWeights.length);
        for (int m = 0; m < melWeights.length; m++) {
            out.add(new MelBand(melFirstBin[m], melWeights[m]));
        }
        return out;
    }

    /** Total number of stored mel weights over all bands (the length of the packed C weight table). */
    public int melWeightCount() {
        int n = 0;
        for (short[] w : melWeights) {
            n += w.length;
        }
        return n;
    }

    /** DCT-II matrix, Q15, row-major [coefficients][melBins]; empty for LOG_MEL. */
    public short[] dct() {
        return dct.clone();
    }

    /** log2(1 + i/256), Q16, [257]. */
    public int[] log2Table() {
        return log2Table.clone();
    }

    /**
     * int32 words of scratch the C front end needs ({@code pqk_frontend_scratch_size} / 4): COMPLEX: re[N],
     * im[N]; REAL: the packed window [N/2] and the packed FFT [N/2], the power [≤ N/2 + 1] reusing the
     * window's words plus one; then the log-mel row [melBins] and one output frame [featuresPerFrame] (with CMN, every frame of the
     * clip: frames × featuresPerFrame).
     */
    public int scratchWords() {
        int fft = config.fft() == FrontEndConfig.FftKind.REAL ? config.fftSize() + 1 : 2 * config.fftSize();
        // CMN: pqk_frontend_run keeps the whole clip's Q10 features to normalise them before int8.
        int rows = config.normalization() == FrontEndConfig.Normalization.CMN ? config.frames() : 1;
        return fft + config.melBins() + rows * config.featuresPerFrame();
    }
}
