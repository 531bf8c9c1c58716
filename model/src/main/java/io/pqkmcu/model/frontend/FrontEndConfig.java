package io.pqkmcu.model.frontend;

/**
 * Parameters of the integer audio front end. They travel in the model file, so the firmware's front
 * end is generated from exactly the values the trainer used.
 *
 * <p>Defaults follow the MLPerf Tiny KWS setup: 16 kHz, 1 s clips, 30 ms window (480 samples),
 * 20 ms stride (320 samples), 512-point FFT, 40 mel bins over 20–4000 Hz, 10 MFCCs → 49 × 10 features.
 *
 * @param type            MFCC (DCT of log-mel) or LOG_MEL (log-mel energies)
 * @param sampleRate      input sample rate in Hz; audio at any other rate is rejected
 * @param clipSamples     samples per clip (1 s at 16 kHz = 16000)
 * @param windowSamples   analysis window length in samples (Hann window)
 * @param strideSamples   hop between frames in samples
 * @param fftSize         FFT length, a power of two ≥ windowSamples
 * @param melBins         number of triangular mel filters
 * @param lowHz           lower edge of the first mel filter
 * @param highHz          upper edge of the last mel filter (≤ sampleRate / 2)
 * @param coefficients    number of cepstral coefficients kept (MFCC only)
 * @param fft             how the spectrum is computed ({@link FftKind}); the two kinds give slightly different
 *                        features, so a model keeps the kind it was trained with
 * @param normalization   what is subtracted from the Q10 features of a window before int8 ({@link Normalization})
 */
public record FrontEndConfig(FeatureType type, int sampleRate, int clipSamples, int windowSamples, int strideSamples,
                             int fftSize, int melBins, double lowHz, double highHz, int coefficients, FftKind fft,
                             Normalization normalization) {

    /** Fractional bits of the log-domain and cepstral values the front end computes before int8 output. */
    public static final int LOG_FRACTION_BITS = 10;

    public enum FeatureType { MFCC, LOG_MEL }

    /**
     * The FFT of step 3. COMPLEX is front end version 1: an N-point complex radix-2 FFT of the real
     * window (imaginary part zero). REAL (version 2, the default) packs the even and odd samples into an
     * N/2-point complex FFT and recovers bins 0..N/2 by the split step, about a third of the work; its
     * rounding differs, so its features differ from COMPLEX's by a few LSBs. Model files written before
     * version 2 carry no kind and are read as COMPLEX ({@code ModelFile}).
     */
    public enum FftKind { COMPLEX, REAL }

    /**
     * Per-window normalisation of the Q10 features, after step 7 and before the int8 quantization. NONE (the
     * default, and every model file written before it existed): none. CMN, cepstral mean normalisation: for
     * each feature index j of a window of F frames, mean = floorDiv(Σ_f raw[f][j] + F/2, F) with the sum in 64
     * bits and F/2 an integer division, and raw[f][j] -= mean, so that a voice's or a channel's average
     * spectral colour does not reach the network. It applies to MFCC and LOG_MEL alike, over the window's
     * frames (a whole clip; in a stream, each window's own frames).
     */
    public enum Normalization { NONE, CMN }

    /** A config with the default FFT, {@link FftKind#REAL}, and no normalisation. */
    public FrontEndConfig(FeatureType type, int sampleRate, int clipSamples, int windowSamples, int strideSamples,
                          int fftSize, int melBins, double lowHz, double highHz, int coefficients) {
        this(type, sampleRate, clipSamples, windowSamples, strideSamples, fftSize, melBins, lowHz, highHz, coefficients,
                FftKind.REAL);
    }

    /** A config with FFT kind {@code fft} and no normalisation. */
    public FrontEndConfig(FeatureType type, int sampleRate, int clipSamples, int windowSamples, int strideSamples,
                          int fftSize, int melBins, double lowHz, double highHz, int coefficients, FftKind fft) {
        this(type, sampleRate, clipSamples, windowSamples, strideSamples, fftSize, melBins, lowHz, highHz, coefficients,
                fft, Normalization.NONE);
    }

    public FrontEndConfig {
        if (type == null || fft == null || normalization == null) {
            throw new IllegalArgumentException("front-end feature type, FFT kind and normalisation are required");
        }
        if (fft == FftKind.REAL && fftSize < 8) {
            throw new IllegalArgumentException("the real FFT needs fftSize >= 8, got " + fftSize);
        }
        positive("sampleRate", sampleRate);
        positive("clipSamples", clipSamples);
        positive("windowSamples", windowSamples);
        positive("strideSamples", strideSamples);
        if (windowSamples > clipSamples) {
            throw new IllegalArgumentException("windowSamples (" + windowSamples + ") is longer than clipSamples ("
                    + clipSamples + ")");
        }
        if (Integer.bitCount(fftSize) != 1 || fftSize < windowSamples || fftSize > 4096) {
            throw new IllegalArgumentException("fftSize must be a power of two between windowSamples and 4096, got " + fftSize);
        }
        if (!(lowHz >= 0) || !(highHz > lowHz) || highHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("lowHz..highHz must satisfy 0 <= lowHz < highHz <= sampleRate/2, got "
                    + lowHz + ".." + highHz);
        }
        if (melBins <= 0 || melBins > 128) {
            throw new IllegalArgumentException("melBins must be in 1..128, got " + melBins);
        }
        if (type == FeatureType.MFCC && (coefficients <= 0 || coefficients > melBins)) {
            throw new IllegalArgumentException("coefficients must be in 1..melBins, got " + coefficients);
        }
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    /** The MLPerf Tiny / Hello Edge default: 49 frames × 10 MFCC. */
    public static FrontEndConfig mfccDefault() {
        return new FrontEndConfig(FeatureType.MFCC, 16000, 16000, 480, 320, 512, 40, 20.0, 4000.0, 10);
    }

    /** 40 log-mel energies per frame, as the Res8/Res15 models of Tang &amp; Lin use. */
    public static FrontEndConfig logMelDefault() {
        return new FrontEndConfig(FeatureType.LOG_MEL, 16000, 16000, 480, 320, 512, 40, 20.0, 4000.0, 40);
    }

    /** The same config with FFT kind {@code kind}. */
    public FrontEndConfig withFft(FftKind kind) {
        return new FrontEndConfig(type, sampleRate, clipSamples, windowSamples, strideSamples, fftSize, melBins, lowHz, highHz,
                coefficients, kind, normalization);
    }

    /** The same config with normalisation {@code n}. */
    public FrontEndConfig withNormalization(Normalization n) {
        return new FrontEndConfig(type, sampleRate, clipSamples, windowSamples, strideSamples, fftSize, melBins, lowHz, highHz,
                coefficients, fft, n);
    }

    /**
     * The record's usual text, without the normalisation when it is NONE: a checkpoint's data fingerprint
     * ({@code TrainingData.settings}) holds this text, so checkpoints written before normalisation existed
     * still resume.
     */
    @Override
    public String toString() {
        return "FrontEndConfig[type=" + type + ", sampleRate=" + sampleRate + ", clipSamples=" + clipSamples
                + ", windowSamples=" + windowSamples + ", strideSamples=" + strideSamples + ", fftSize=" + fftSize
                + ", melBins=" + melBins + ", lowHz=" + lowHz + ", highHz=" + highHz + ", coefficients=" + coefficients
                + ", fft=" + fft + (normalization == Normalization.NONE ? "" : ", normalization=" + normalization) + "]";
    }

    public int frames() {
        return 1 + (clipSamples - windowSamples) / strideSamples;
    }

    /** Values per frame in the output: coefficients for MFCC, mel bins for LOG_MEL. */
    public int featuresPerFrame() {
        return type == FeatureType.MFCC ? coefficients : melBins;
    }
}
