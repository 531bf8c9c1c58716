package io.pqkmcu.model.frontend;

import io.pqkmcu.model.quant.QuantMath;

/**
 * The integer MFCC / log-mel front end, version 2 (version 1 with {@code FftKind.COMPLEX}): the Java reference of {@code pqk_frontend.c}. The two
 * agree bit for bit; every step below is written identically in both, so change both or neither.
 *
 * <p>Input: exactly {@code clipSamples} int16 samples (16 kHz mono). Output: {@code frames()} ×
 * {@code featuresPerFrame()} values, frame-major ([frame][coefficient]), matching an int8 model input of
 * shape frames × F × 1. Tables come from {@link FrontEndTables}. For frame f (samples from f·stride):
 * <ol>
 *   <li>Window: x[i] = (s[i]·window[i] + 2^14) >> 15 for i &lt; windowSamples, 0 up to fftSize.
 *       |s·w| ≤ 2^15·32767 &lt; 2^30, so x ∈ [−32768, 32767].</li>
 *   <li>Block normalisation: m = max |x[i]|; shift = 0 if m = 0, else the shift in [−2, 15] that puts
 *       m·2^shift in [2^13, 2^14) (13 − index of m's top bit). x[i]·2^shift for shift ≥ 0,
 *       (x[i] + 2^(−shift−1)) >> −shift otherwise. Afterwards |x| ≤ 2^14.</li>
 *   <li>FFT, by the config's {@link FrontEndConfig.FftKind}: REAL (version 2) the N/2-point complex FFT of
 *       the even/odd-packed window plus the split step ({@link FixedFft#realSpectrum}); COMPLEX (version
 *       1) {@link FixedFft#transform}, complex radix-2 DIT on int32 re/im (im = 0, input bit-reversed).
 *       Both halve at every stage: the result is FFT(x)/N, modulus &lt; 23200.</li>
 *   <li>Power: p[k] = re[k]² + im[k]², int32 (&lt; 2^29.01), for the bins k the mel filters read.</li>
 *   <li>Mel energies: e[m] = Σ_k p[k]·w[m][k], int64, Q15 weights, no shift (&lt; 2^29.01·2^15·2^11 = 2^55.01).</li>
 *   <li>Log: L[m] = ((log2fix(e[m] + 1) + 32) >> 6) + (2·log2 N − 2·shift − 15)·2^10, Q10 log2 units of
 *       the true power ({@link FixedLog2}; the second term undoes the normalisation shift, the FFT's 1/N
 *       and the Q15 weights). |L| &lt; 2^16 + 69·2^10 &lt; 2^18.</li>
 *   <li>MFCC: c[j] = (Σ_m dct[j][m]·L[m] + 2^14) >> 15 in int64 (|Σ| &lt; 2^7·2^15·2^18 = 2^40),
 *       j &lt; coefficients. LOG_MEL: the output is L itself.</li>
 *   <li>Normalisation ({@link FrontEndConfig.Normalization}, {@link #raw} only): with CMN, for each feature
 *       index j over the F frames of the clip, mean = floorDiv(Σ_f v[f][j] + F/2, F) (int64 sum) and
 *       v[f][j] −= mean ({@link #normalize}). |v| &lt; 2^25, so |mean| &lt; 2^25 and the difference &lt; 2^26.</li>
 *   <li>int8: {@link FeatureQuantization}: clamp(requantize(v, M, S) + zeroPoint, −128, 127), the sum
 *       taken in 64 bits so a saturated requantization cannot wrap.</li>
 * </ol>
 * All right shifts are arithmetic (floor); the C side relies on its compiler doing the same and checks
 * it at compile time.
 *
 * <p>A property of version 1 worth knowing when choosing the int8 range: an all-zero window gives the
 * floor L = (2·log2 N − 15)·2^10 in every band (3.0 log2 units for N = 512), because its shift is 0 and
 * log2(0 + 1) = 0; a window of a few LSBs is normalised up by up to 2^13 and can land below that floor
 * (about −5 log2 units seen in tests). Silence is therefore not the minimum feature value.
 *
 * <p>Thread-safe: the tables are immutable and every call allocates its own scratch (2·N + melBins
 * ints), once per clip, not per frame.
 */
public final class AudioFrontEnd {
    private final FrontEndConfig config;
    private final FrontEndTables tables;

    public AudioFrontEnd(FrontEndConfig config) {
        this.tables = FrontEndTables.of(config);
        this.config = config;
    }

    public FrontEndConfig config() {
        return config;
    }

    public FrontEndTables tables() {
        return tables;
    }

    /** Number of output values per clip: frames × featuresPerFrame. */
    public int outputSize() {
        return config.frames() * config.featuresPerFrame();
    }

    /**
     * Q10 features, frame-major [frames][featuresPerFrame], normalised over the clip's frames when the config
     * says so ({@link FrontEndConfig.Normalization#CMN}).
     */
    public int[] raw(short[] clip) {
        checkClip(clip);
        int[] raw = rawFrames(clip, 0, config.frames());
        if (config.normalization() == FrontEndConfig.Normalization.CMN) {
            normalize(raw, raw, config.frames(), config.featuresPerFrame());
        }
        return raw;
    }

    /**
     * Cepstral mean normalisation of one window (step 7a): for each feature index j,
     * mean = floorDiv(Σ_f window[f][j] + frames/2, frames) with a 64-bit sum, and out[f][j] = window[f][j] − mean.
     * {@code window} and {@code out} are frame-major frames × features and may be the same array; a stream
     * passes its ring's rows and a separate {@code out}, so that the ring keeps the frames as computed.
     */
    public static void normalize(int[] window, int[] out, int frames, int features) {
        if (window == null || out == null || frames < 1 || features < 1
                || window.length < frames * features || out.length < frames * features) {
            throw new IllegalArgumentException("normalize needs " + frames + " x " + features + " values");
        }
        for (int j = 0; j < features; j++) {
            long sum = 0;
            for (int f = 0; f < frames; f++) {
                sum += window[f * features + j];
            }
            int mean = (int) Math.floorDiv(sum + frames / 2, (long) frames);
            for (int f = 0; f < frames; f++) {
                out[f * features + j] = window[f * features + j] - mean;
            }
        }
    }

    /**
     * Q10 features of {@code count} consecutive frames of a longer recording, the first starting at sample
     * {@code start}, frame-major. Each frame depends only on its own window of samples (the block
     * normalisation is per frame), so frame f of a clip equals frame 0 here with start = f·stride: a stream
     * can compute each frame once and reuse it in every window that contains it. Never normalised: with
     * {@link FrontEndConfig.Normalization#CMN} a window's frames go through {@link #normalize} together.
     */
    public int[] rawFrames(short[] audio, int start, int count) {
        if (audio == null) {
            throw new IllegalArgumentException("audio is null");
        }
        long end = (long) start + (long) (count - 1) * config.strideSamples() + config.windowSamples();
        if (start < 0 || count < 1 || end > audio.length) {
            throw new IllegalArgumentException(count + " frames from sample " + start + " need samples up to " + end
                    + " but the audio has " + audio.length);
        }
        int n = config.fftSize();
        int[] re = new int[n];
        int[] im = new int[n + 1]; // REAL: the power, up to N/2 + 1 bins
        int[] z = new int[n]; // REAL: the packed half-size FFT
        int[] logMel = new int[config.melBins()];
        int features = config.featuresPerFrame();
        int[] out = new int[count * features];
        for (int f = 0; f < count; f++) {
            frame(audio, start + f * config.strideSamples(), re, im, z, logMel);
            if (config.type() == FrontEndConfig.FeatureType.MFCC) {
                dct(logMel, out, f * features);
            } else {
                System.arraycopy(logMel, 0, out, f * features, features);
            }
        }
        return out;
    }

    /** int8 features: step 8 applied to each raw value. */
    public byte[] quantize(int[] raw, double inputScale, int zeroPoint) {
        if (raw == null) {
            throw new IllegalArgumentException("raw features are null");
        }
        QuantMath.Multiplier mul = new FeatureQuantization(inputScale, zeroPoint).multiplier();
        byte[] q = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            // Widened before adding the zero point (as pqk_frontend_run does): a requantization that
            // saturates near INT32_MAX must clamp to 127, not wrap.
            long v = (long) QuantMath.multiplyByQuantizedMultiplier(raw[i], mul.multiplier(), mul.shift()) + zeroPoint;
            q[i] = (byte) QuantMath.clamp(v, -128, 127);
        }
        return q;
    }

    /** {@code quantize(raw(clip), inputScale, zeroPoint)}. */
    public byte[] features(short[] clip, double inputScale, int zeroPoint) {
        new FeatureQuantization(inputScale, zeroPoint); // reject a bad scale before the work, not after
        return quantize(raw(clip), inputScale, zeroPoint);
    }

    private void checkClip(short[] clip) {
        if (clip == null) {
            throw new IllegalArgumentException("audio clip is null");
        }
        if (clip.length != config.clipSamples()) {
            throw new IllegalArgumentException("audio clip has " + clip.length + " samples but the front end expects exactly "
                    + config.clipSamples() + " (" + config.clipSamples() / (double) config.sampleRate() + " s at "
                    + config.sampleRate() + " Hz); pad or trim it first");
        }
    }

    /** Steps 1–6 for the frame starting at {@code start}: fills {@code logMel} with L[m] (Q10). */
    private void frame(short[] clip, int start, int[] re, int[] im, int[] z, int[] logMel) {
        int n = config.fftSize();
        int w = config.windowSamples();
        short[] window = tables.window;

        // 1. Window (Q15 weights, rounded): |x| ≤ 32768.
        int max = 0;
        for (int i = 0; i < w; i++) {
            int x = (clip[start + i] * window[i] + (1 << 14)) >> 15;
            re[i] = x;
            max = Math.max(max, Math.abs(x));
        }
        for (int i = w; i < n; i++) {
            re[i] = 0;
        }
        java.util.Arrays.fill(im, 0);

        // 2. Block normalisation: top bit of max to bit 13.
        int shift = 0;
        if (max != 0) {
            int topBit = 31 - Integer.numberOfLeadingZeros(max);
            shift = Math.max(-2, Math.min(15, 13 - topBit));
        }
        if (shift > 0) {
            int scale = 1 << shift;
            for (int i = 0; i < w; i++) {
                re[i] *= scale;
            }
        } else if (shift < 0) {
            int r = -shift;
            int half = 1 << (r - 1);
            for (int i = 0; i < w; i++) {
                re[i] = (re[i] + half) >> r;
            }
        }

        // 3–4. FFT and power. COMPLEX: bit-reversal permutation (im is all zero, so only re moves), the
        // stages, then re² + im². REAL: the half-size FFT and the split step give the power directly.
        int log2n = tables.fftLog2();
        if (config.fft() == FrontEndConfig.FftKind.REAL) {
            FixedFft.realSpectrum(re, z, im, tables.spectrumBins, log2n, tables.twiddleCos, tables.twiddleSin, tables.bitReverse);
        } else {
            FixedFft.bitReversePermute(re);
            FixedFft.transform(re, im, log2n, tables.twiddleCos, tables.twiddleSin);
            for (int k = 0; k < tables.spectrumBins; k++) {
                im[k] = re[k] * re[k] + im[k] * im[k];
            }
        }
        int[] power = im;

        // 5–6. Mel energies, log.
        int offset = (2 * log2n - 2 * shift - 15) * 1024;
        for (int m = 0; m < logMel.length; m++) {
            int first = tables.melFirstBin[m];
            short[] weights = tables.melWeights[m];
            long e = 0;
            for (int i = 0; i < weights.length; i++) {
                e += (long) power[first + i] * weights[i];
            }
            logMel[m] = ((FixedLog2.log2Q16(e + 1) + 32) >> 6) + offset;
        }
    }

    /** Step 7: c[j] = (Σ_m dct[j][m]·L[m] + 2^14) >> 15 into out[at + j]. */
    private void dct(int[] logMel, int[] out, int at) {
        short[] dct = tables.dct;
        int bins = logMel.length;
        for (int j = 0; j < config.coefficients(); j++) {
            long acc = 0;
            int row = j * bins;
            for (int m = 0; m < bins; m++) {
                acc += (long) dct[row + m] * logMel[m];
            }
            out[at + j] = (int) ((acc + (1 << 14)) >> 15);
        }
    }
}
