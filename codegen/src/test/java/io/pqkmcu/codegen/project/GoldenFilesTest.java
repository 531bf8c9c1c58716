package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.render.RuntimeResources;
import io.pqkmcu.model.RandomModels;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The generated project of a fixed seeded model (random-167: residual depthwise + ADD blocks, softmax,
 * convolution, max pooling and a fully connected layer on 7x7 maps and below, dense and sparse under
 * AUTO, several ops in place) must equal the fixtures under src/test/resources/golden/random-167, with no
 * file missing or extra:
 * <ul>
 *   <li>files generated from the model (rendered templates, weights, plan, report, binding) byte for byte;
 *   <li>files copied verbatim from the C runtime (runtime-c-templates' {@code io/pqkmcu/runtime/c}: kernels
 *       and their headers) by their SHA-256 in {@value #RUNTIME_SUMS} ({@code sha256sum} format, sorted by
 *       path), so that a kernel edit changes one line there instead of a fixture copy of the file. The
 *       kernels themselves are tested beside the C (runtime-c-templates/src/test/c).
 * </ul>
 * After an intended change, regenerate both with {@code -Dpqk.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {
    private static final long SEED = 167;
    private static final Path GOLDEN = Path.of("src/test/resources/golden/random-" + SEED);
    /** The checksum list of the copied runtime files, in the fixture directory. */
    static final String RUNTIME_SUMS = "runtime.sha256";
    private static final String REGENERATE = "mvn -pl codegen -am test -Dtest=GoldenFilesTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dpqk.updateGolden=true";

    @Test
    void generatedProjectMatchesTheGoldenFiles() throws IOException {
        ProjectGenerator.Rendered r = new ProjectGenerator().render(RandomModels.random(SEED),
                GenerateOptions.of(Path.of("target/golden-unused")));
        SortedMap<String, byte[]> generated = new TreeMap<>();
        SortedMap<String, String> runtime = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : r.files().entrySet()) {
            if (isRuntimeCopy(f.getKey(), f.getValue())) {
                runtime.put(f.getKey(), sha256(f.getValue()));
            } else {
                generated.put(f.getKey(), f.getValue());
            }
        }
        if (Boolean.getBoolean("pqk.updateGolden")) {
            update(generated, runtime);
            return;
        }
        assertTrue(Files.isDirectory(GOLDEN), "no golden files at " + GOLDEN.toAbsolutePath()
                + "; create them with -Dpqk.updateGolden=true");
        TreeSet<String> expected = listFiles(GOLDEN);
        expected.remove(RUNTIME_SUMS);
        List<String> problems = new ArrayList<>();
        for (String f : expected) {
            if (!generated.containsKey(f)) {
                problems.add("missing (golden has it, generator did not write it"
                        + (runtime.containsKey(f) ? ", or wrote it as a verbatim runtime copy" : "") + "): " + f);
            }
        }
        for (Map.Entry<String, byte[]> f : generated.entrySet()) {
            if (!expected.contains(f.getKey())) {
                problems.add("extra (generated but not in the golden files): " + f.getKey());
            } else {
                byte[] want = Files.readAllBytes(GOLDEN.resolve(f.getKey()));
                if (!Arrays.equals(want, f.getValue())) {
                    problems.add("differs: " + f.getKey() + " " + firstDifference(want, f.getValue()));
                }
            }
        }
        problems.addAll(runtimeProblems(readSums(GOLDEN.resolve(RUNTIME_SUMS)), runtime));
        if (!problems.isEmpty()) {
            fail("generated project differs from " + GOLDEN + " (if intended, regenerate the golden files and "
                    + RUNTIME_SUMS + " with\n  " + REGENERATE + "\nand review the diff):\n  "
                    + String.join("\n  ", problems));
        }
    }

    @Test
    void aChangedRuntimeFileIsNamedWithItsSource() {
        SortedMap<String, String> recorded = new TreeMap<>(Map.of("src/kernels/pqk_softmax_s8.c", "aa",
                "include/pqk_common.h", "bb", "src/kernels/pqk_gone.c", "cc"));
        SortedMap<String, String> actual = new TreeMap<>(Map.of("src/kernels/pqk_softmax_s8.c", "ab",
                "include/pqk_common.h", "bb", "src/kernels/pqk_new.c", "dd"));
        assertEquals(List.of("runtime file no longer copied (listed in runtime.sha256): src/kernels/pqk_gone.c",
                "runtime file changed: src/kernels/pqk_softmax_s8.c (from runtime-c-templates/src/main/resources/"
                        + "io/pqkmcu/runtime/c/pqk_softmax_s8.c): SHA-256 aa in runtime.sha256, now ab",
                "runtime file copied but not in runtime.sha256: src/kernels/pqk_new.c"),
                runtimeProblems(recorded, actual));
        assertEquals(recorded, parseSums(formatSums(recorded)));
    }

    /**
     * A file the generator copied verbatim from the C runtime (RuntimeFiles, FrontEndFiles): its
     * name is a runtime resource and its bytes are that resource's. Everything else is generated from the model.
     */
    static boolean isRuntimeCopy(String path, byte[] content) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return RuntimeResources.exists(name) && Arrays.equals(RuntimeResources.bytes(name), content);
    }

    /** Which copied runtime files changed, appeared or disappeared against the recorded checksums. */
    static List<String> runtimeProblems(SortedMap<String, String> recorded, SortedMap<String, String> actual) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            String now = actual.get(e.getKey());
            String source = "runtime-c-templates/src/main/resources/io/pqkmcu/runtime/c/"
                    + e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            if (now == null) {
                problems.add("runtime file no longer copied (listed in " + RUNTIME_SUMS + "): " + e.getKey());
            } else if (!now.equals(e.getValue())) {
                problems.add("runtime file changed: " + e.getKey() + " (from " + source + "): SHA-256 "
                        + e.getValue() + " in " + RUNTIME_SUMS + ", now " + now);
            }
        }
        for (String f : actual.keySet()) {
            if (!recorded.containsKey(f)) {
                problems.add("runtime file copied but not in " + RUNTIME_SUMS + ": " + f);
            }
        }
        return problems;
    }

    /** Reads a sha256sum-format list ("hex  path" per line); an absent file is an empty list. */
    static SortedMap<String, String> readSums(Path file) throws IOException {
        return Files.exists(file) ? parseSums(Files.readString(file, StandardCharsets.UTF_8)) : new TreeMap<>();
    }

    static SortedMap<String, String> parseSums(String text) {
        SortedMap<String, String> sums = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                int sep = line.indexOf("  ");
                sums.put(line.substring(sep + 2), line.substring(0, sep));
            }
        }
        return sums;
    }

    static String formatSums(SortedMap<String, String> sums) {
        StringBuilder b = new StringBuilder();
        sums.forEach((path, hash) -> b.append(hash).append("  ").append(path).append('\n'));
        return b.toString();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstDifference(byte[] want, byte[] got) {
        String[] a = new String(want, StandardCharsets.UTF_8).split("\n", -1);
        String[] b = new String(got, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end of file>";
            String y = i < b.length ? b[i] : "<end of file>";
            if (!x.equals(y)) {
                return "at line " + (i + 1) + ":\n    golden:    " + x + "\n    generated: " + y;
            }
        }
        return "(line endings or trailing bytes)";
    }

    private static TreeSet<String> listFiles(Path root) throws IOException {
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
        }
        return files;
    }

    private static void update(Map<String, byte[]> files, SortedMap<String, String> runtime) throws IOException {
        if (Files.exists(GOLDEN)) {
            try (Stream<Path> walk = Files.walk(GOLDEN)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = GOLDEN.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        Files.writeString(GOLDEN.resolve(RUNTIME_SUMS), formatSums(runtime), StandardCharsets.UTF_8);
        System.out.println("golden files and " + RUNTIME_SUMS + " rewritten: " + GOLDEN.toAbsolutePath());
    }
}
