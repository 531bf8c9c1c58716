package io.pqkmcu.tests;

import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.data.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every user-facing input fails with one clear line, exit code 1, no stack trace and nothing half-written. */
class CliBadInputTest {
    @TempDir
    Path tmp;

    private static void assertFails(CliRun r, String expected) {
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), "stderr should mention '" + expected + "':\n" + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    @Test
    void corruptModelIsRejectedAndNothingIsGenerated() throws Exception {
        byte[] good = ModelFile.toBytes(RandomModels.random(1));
        byte[] bad = good.clone();
        bad[good.length / 2] ^= 1;
        Path model = tmp.resolve("bad.pqkm");
        Files.write(model, bad);
        assertFails(CliRun.of("generate", model.toString(), "--out", tmp.resolve("p").toString()), "checksum mismatch");
        assertFalse(Files.exists(tmp.resolve("p")));
        Files.write(model, java.util.Arrays.copyOf(good, 40));
        assertFails(CliRun.of("generate", model.toString(), "--out", tmp.resolve("p").toString()), "truncated");
    }

    @Test
    void aWavFileIsNotAModel() throws Exception {
        Path wav = tmp.resolve("x.wav");
        WavFile.write(wav, new short[16000], 16000);
        assertFails(CliRun.of("generate", wav.toString(), "--out", tmp.resolve("p").toString()), "not a pqk model");
    }

    @Test
    void unknownBoardListsTheKnownOnes() throws Exception {
        Path model = tmp.resolve("m.pqkm");
        ModelFile.write(RandomModels.random(2), model);
        CliRun r = CliRun.of("generate", model.toString(), "--board", "nosuch", "--out", tmp.resolve("p").toString());
        assertFails(r, "unknown board 'nosuch'");
        assertTrue(r.err().contains("qemu-mps2-an386"), r.err());
    }

    @Test
    void missingDatasetAndBadAudioAreNamed() throws Exception {
        assertFails(CliRun.of("data", "info", tmp.resolve("none").toString()), "none");
        Path data = tmp.resolve("d");
        Files.createDirectories(data.resolve("yes"));
        Files.writeString(data.resolve("validation_list.txt"), "");
        Files.writeString(data.resolve("testing_list.txt"), "");
        // stereo 16-bit at 16 kHz: a RIFF header by hand, since our writer only writes the contract format
        Files.write(data.resolve("yes/a_nohash_0.wav"), stereoWav());
        CliRun r = CliRun.of("data", "info", data.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void simulateRefusesAFolderThatIsNotAProject() {
        assertFails(CliRun.of("simulate", tmp.toString()), "not a pqk project");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        CliRun r = CliRun.of("train", "--data", tmp.toString(), "--sparsity", "1.5");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("--sparsity must be in [0, 1), got 1.5"), r.err());
        assertEquals(2, CliRun.of("train", "--no-such-option").exitCode());
        // BN frozen in phase 1, then unfrozen in phase 2: refused before any data is read
        assertFails(CliRun.of("train", "--data", tmp.toString(), "--freeze-bn-at", "0.5", "--student-batch-stats"),
                "--student-batch-stats would unfreeze it");
    }

    @Test
    void trainRefusesAnOutputThatIsNotARegularFile() throws Exception {
        // refused before any data is read: the dataset folder here does not even exist
        assertFails(CliRun.of("train", "--data", tmp.resolve("none").toString(), "--out", "/dev/null"),
                "--out /dev/null exists and is not a regular file (a device or other special file)");
        Path dir = Files.createDirectories(tmp.resolve("dir.pqkm"));
        assertFails(CliRun.of("train", "--data", tmp.resolve("none").toString(), "--out", dir.toString()),
                "--out " + dir + " exists and is not a regular file (a directory)");
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void anEmptyOrNoiseOnlyDatasetIsNamed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertFails(CliRun.of("train", "--data", empty.toString(), "--task", "all"), empty + ": no word folders");
        Files.createDirectories(empty.resolve("_background_noise_"));
        assertFails(CliRun.of("train", "--data", empty.toString(), "--task", "all"), "_background_noise_ alone is only noise");
        assertFails(CliRun.of("train", "--data", empty.toString()), empty + ": no keyword folders");
    }

    @Test
    void aStreamThatIsADirectoryIsCalledOne() throws Exception {
        Path model = tmp.resolve("m.pqkm");
        ModelFile.write(RandomModels.random(3, 49, 10, 1, 3, io.pqkmcu.model.frontend.FrontEndConfig.mfccDefault()), model);
        Path dir = Files.createDirectories(tmp.resolve("s.wav"));
        assertFails(CliRun.of("generate", model.toString(), "--stream", dir.toString(), "--out", tmp.resolve("p").toString()),
                "--stream " + dir + ": is a directory, not a file");
        Path loop = tmp.resolve("loop.wav");
        Files.createSymbolicLink(loop, loop);
        assertFails(CliRun.of("generate", model.toString(), "--stream", loop.toString(), "--out", tmp.resolve("p").toString()),
                "is a symbolic link loop");
        assertFails(CliRun.of("generate", loop.toString(), "--out", tmp.resolve("p").toString()),
                loop + ": is a symbolic link loop");
    }

    @Test
    void aPathTheLocaleCannotEncodeGetsAClearMessage() throws Exception {
        // under LANG=C the JVM encodes file names as ASCII: a non-ASCII argument cannot become a path
        Path model = tmp.resolve("modèle.pqkm");
        ModelFile.write(RandomModels.random(2), model);
        for (String command : List.of("eval", "generate")) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.pqkmcu.cli.PqkMain", command, model.toString(),
                    "--out", tmp.resolve("p").toString());
            pb.environment().put("LC_ALL", "C");
            pb.environment().put("LANG", "C");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            assertTrue(out.contains("cannot be used: file names are encoded in the locale's character set"), out);
            assertTrue(out.contains("LC_ALL=C.UTF-8"), out);
            assertFalse(out.contains("InvalidPathException") || out.contains("\tat "), out);
        }
        CliRun nul = CliRun.of("eval", "a\0b.pqkm"); // a usage error, as every argument picocli cannot convert
        assertEquals(2, nul.exitCode(), nul.err());
        assertTrue(nul.err().contains("path 'a\\0b.pqkm' contains a NUL character"), nul.err());
    }

    @Test
    void parseOnlyModeAnswersHelpAndArgumentErrorsAndPassesGoodArguments() {
        // the launcher's first, Vector-API-free run for train/demo/bench/ablate
        assertEquals(io.pqkmcu.cli.PqkMain.ARGUMENTS_OK, io.pqkmcu.cli.PqkMain.parseOnly("train", "--data", "d"));
        assertEquals(io.pqkmcu.cli.PqkMain.ARGUMENTS_OK, io.pqkmcu.cli.PqkMain.parseOnly("bench", "train"));
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(0, io.pqkmcu.cli.PqkMain.parseOnly("train", "--help"));
        } finally {
            System.setOut(old);
        }
        assertTrue(buf.toString(java.nio.charset.StandardCharsets.UTF_8).contains("Usage: pqk train"));
        java.io.PrintStream oldErr = System.err;
        try {
            System.setErr(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
            assertEquals(2, io.pqkmcu.cli.PqkMain.parseOnly("train", "--no-such-option"));
        } finally {
            System.setErr(oldErr);
        }
    }

    private static byte[] stereoWav() {
        int frames = 1600;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + frames * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(16000).putInt(64000)
                .putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(frames * 4);
        return b.array();
    }
}
