package io.pqkmcu.codegen.project;

import io.pqkmcu.trainer.model.RandomModels;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The generated project of a fixed seeded model (random-167: residual depthwise + ADD blocks, softmax,
 * convolution, max pooling and a fully connected layer on 7x7 maps and below, dense and sparse under
 * AUTO, several ops in place) must equal the fixtures under
 * src/test/resources/golden/random-167 byte for byte, with no file missing or extra. After an
 * intended change, regenerate the fixtures with {@code -Dpqk.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {
    private static final long SEED = 167;
    private static final Path GOLDEN = Path.of("src/test/resources/golden/random-" + SEED);

    @Test
    void generatedProjectMatchesTheGoldenFiles() throws IOException {
        ProjectGenerator.Rendered r = new ProjectGenerator().render(RandomModels.random(SEED),
                GenerateOptions.of(Path.of("target/golden-unused")));
        if (Boolean.getBoolean("pqk.updateGolden")) {
            update(r.files());
            return;
        }
        assertTrue(Files.isDirectory(GOLDEN), "no golden files at " + GOLDEN.toAbsolutePath()
                + "; create them with -Dpqk.updateGolden=true");
        TreeSet<String> expected = listFiles(GOLDEN);
        List<String> problems = new ArrayList<>();
        for (String f : expected) {
            if (!r.files().containsKey(f)) {
                problems.add("missing (golden has it, generator did not write it): " + f);
            }
        }
        for (Map.Entry<String, byte[]> f : r.files().entrySet()) {
            if (!expected.contains(f.getKey())) {
                problems.add("extra (generated but not in the golden files): " + f.getKey());
            } else {
                byte[] want = Files.readAllBytes(GOLDEN.resolve(f.getKey()));
                if (!Arrays.equals(want, f.getValue())) {
                    problems.add("differs: " + f.getKey() + " " + firstDifference(want, f.getValue()));
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("generated project differs from " + GOLDEN + " (run with -Dpqk.updateGolden=true if intended):\n  "
                    + String.join("\n  ", problems));
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

    private static void update(Map<String, byte[]> files) throws IOException {
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
        System.out.println("golden files rewritten: " + GOLDEN.toAbsolutePath());
    }
}
