package io.pqkmcu.codegen.frontend;

import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.util.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The audio the bit-exactness test runs: synthetic edge cases (silence, DC, full-scale squares and
 * clipping, noise at many levels, sweeps, tones, impulses) and real speech from espeak-ng resampled to
 * 16 kHz by sox. Every clip is deterministic (fixed seeds; sox without dither).
 */
final class TestClips {
    static final int SAMPLES = 16000;
    private static final double RATE = 16000.0;

    private TestClips() {}

    private static short sat(double v) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }

    static Map<String, short[]> synthetic() {
        Map<String, short[]> clips = new LinkedHashMap<>();
        clips.put("silence", new short[SAMPLES]);
        for (int dc : new int[] {1, -1, 100, -100, 12345, -12345, 32767, -32768}) {
            short[] s = new short[SAMPLES];
            Arrays.fill(s, (short) dc);
            clips.put("dc " + dc, s);
        }
        for (int period : new int[] {2, 3, 7, 20, 50, 160, 481}) {
            short[] full = new short[SAMPLES];
            short[] half = new short[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                boolean high = (i % period) < (period + 1) / 2;
                full[i] = high ? Short.MAX_VALUE : Short.MIN_VALUE;
                half[i] = (short) (high ? 16384 : -16384);
            }
            clips.put("square full-scale period " + period, full);
            clips.put("square half-scale period " + period, half);
        }
        for (double hz : new double[] {50, 440, 1000, 3000, 7000}) {
            short[] s = new short[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                s[i] = sat(3 * 32767 * Math.sin(2 * Math.PI * hz * i / RATE));
            }
            clips.put("clipped sine " + hz + " Hz", s);
        }
        int[] levels = {1, 2, 4, 10, 30, 100, 300, 1000, 3000, 10000, 20000, 32767};
        for (int level : levels) {
            for (int seed = 0; seed < 3; seed++) {
                SplittableRandom rnd = new SplittableRandom(1000L * level + seed);
                short[] uniform = new short[SAMPLES];
                short[] gauss = new short[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    uniform[i] = sat(rnd.nextDouble(-1, 1) * level);
                    gauss[i] = sat(rnd.nextGaussian() * level);
                }
                clips.put("uniform noise " + level + " seed " + seed, uniform);
                clips.put("gaussian noise " + level + " seed " + seed, gauss);
            }
        }
        for (int amplitude : new int[] {30, 1000, 10000, 32767}) {
            short[] lin = new short[SAMPLES];
            short[] log = new short[SAMPLES];
            double phaseLin = 0;
            double phaseLog = 0;
            for (int i = 0; i < SAMPLES; i++) {
                double t = i / (double) SAMPLES;
                phaseLin += 2 * Math.PI * (20 + t * 7980) / RATE;
                phaseLog += 2 * Math.PI * (20 * Math.pow(400, t)) / RATE;
                lin[i] = sat(amplitude * Math.sin(phaseLin));
                log[i] = sat(amplitude * Math.sin(phaseLog));
            }
            clips.put("linear sweep amplitude " + amplitude, lin);
            clips.put("log sweep amplitude " + amplitude, log);
        }
        for (int k = 0; k < 24; k++) {
            double hz = 25 + k * 331.7;
            double amplitude = 8 * Math.pow(2, k % 13);
            short[] s = new short[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                s[i] = sat(amplitude * Math.cos(2 * Math.PI * hz * i / RATE + k));
            }
            clips.put("tone " + hz + " Hz amplitude " + amplitude, s);
        }
        int[] positions = {0, 1, 239, 240, 479, 480, 4000, 8000, 15999};
        for (int p : positions) {
            for (int value : new int[] {32767, -32768, 1}) {
                short[] s = new short[SAMPLES];
                s[p] = (short) value;
                clips.put("impulse " + value + " at " + p, s);
            }
        }
        for (int period : new int[] {100, 320, 1000}) {
            short[] s = new short[SAMPLES];
            for (int i = 0; i < SAMPLES; i += period) {
                s[i] = Short.MIN_VALUE;
            }
            clips.put("impulse train period " + period, s);
        }
        short[] nyquist = new short[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            nyquist[i] = (i & 1) == 0 ? Short.MIN_VALUE : Short.MAX_VALUE;
        }
        clips.put("alternating full scale", nyquist);
        for (int seed = 0; seed < 4; seed++) {
            SplittableRandom rnd = new SplittableRandom(77 + seed);
            short[] s = new short[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                s[i] = rnd.nextBoolean() ? Short.MAX_VALUE : Short.MIN_VALUE;
            }
            clips.put("random full-scale signs seed " + seed, s);
        }
        for (int dc : new int[] {-20000, 5000}) {
            SplittableRandom rnd = new SplittableRandom(dc);
            short[] s = new short[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                s[i] = sat(dc + rnd.nextGaussian() * 50);
            }
            clips.put("noise on dc " + dc, s);
        }
        short[] step = new short[SAMPLES];
        Arrays.fill(step, SAMPLES / 2, SAMPLES, (short) 30000);
        clips.put("step to 30000", step);
        return clips;
    }

    /**
     * Speech from espeak-ng (several voices and rates), resampled to 16 kHz by sox without dither, cut
     * into 1-s clips every 0.5 s; plus each clip amplified 8× with clipping and mixed with noise.
     */
    static Map<String, short[]> speech(Path workDir) {
        String espeak = Tool.ESPEAK_NG.require();
        String[][] utterances = {
                {"en-us", "150", "Yes. No. Up. Down. Left. Right. On. Off. Stop. Go."},
                {"en-gb", "120", "The quick brown fox jumps over the lazy dog, and keeps on running."},
                {"en-us+f3", "180", "Seven, eight, nine. Marvin, sheila, happy house. Bed, bird, cat, dog."},
                {"de", "140", "Ja, nein, hoch, runter, links, rechts, an, aus, halt, los."},
        };
        Map<String, short[]> clips = new LinkedHashMap<>();
        for (int u = 0; u < utterances.length; u++) {
            Path wav = workDir.resolve("speech" + u + ".wav");
            Path raw = workDir.resolve("speech" + u + ".raw");
            ProcessRunner.runChecked(List.of(espeak, "-v", utterances[u][0], "-s", utterances[u][1], "-w", wav.toString(),
                    utterances[u][2]), workDir, Duration.ofSeconds(60));
            ProcessRunner.runChecked(List.of("sox", wav.toString(), "-D", "-r", "16000", "-c", "1", "-b", "16",
                    "-e", "signed-integer", "-L", "-t", "raw", raw.toString()), workDir, Duration.ofSeconds(60));
            short[] audio = readRaw(raw);
            SplittableRandom rnd = new SplittableRandom(u);
            for (int start = 0; start < audio.length; start += SAMPLES / 2) {
                short[] clip = Arrays.copyOfRange(audio, start, start + SAMPLES); // zero-padded at the end
                String name = "speech " + utterances[u][0] + " @" + start;
                clips.put(name, clip);
                short[] loud = new short[SAMPLES];
                short[] noisy = new short[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    loud[i] = sat(clip[i] * 8.0);
                    noisy[i] = sat(clip[i] + rnd.nextGaussian() * 300);
                }
                clips.put(name + " x8 clipped", loud);
                clips.put(name + " + noise", noisy);
            }
        }
        return clips;
    }

    private static short[] readRaw(Path raw) {
        try {
            byte[] bytes = Files.readAllBytes(raw);
            short[] s = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names(Map<String, short[]> clips) {
        return new ArrayList<>(clips.keySet());
    }
}
