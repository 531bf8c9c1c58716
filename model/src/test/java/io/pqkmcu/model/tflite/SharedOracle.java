package io.pqkmcu.model.tflite;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's shared test material, {@code shared/models} and {@code shared/oracle}: it lies beside the
 * repository ({@code <clone>/../shared} in CI), found as the nearest ancestor of the working directory
 * that has a {@code shared/oracle} folder, or given with {@code -Dpqk.shared=DIR}. Missing in CI is a
 * failure; elsewhere the tests that need it are skipped. Shared with the trainer's and the tests module's
 * tests through the model's test jar.
 */
public final class SharedOracle {
    public static final List<String> INT8_MODELS = List.of("kws_ref_model", "pretrainedResnet_quant", "vww_96_int8",
            "ad01_int8", "str_ww_ref_model");

    private SharedOracle() {}

    public static Path root() {
        String prop = System.getProperty("pqk.shared");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/oracle"))) {
                return p.resolve("shared");
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("shared/oracle not found beside the repository (expected <clone>/../shared)");
        }
        Assumptions.abort("shared/oracle not found; set -Dpqk.shared=DIR to run the oracle tests");
        return null;
    }

    public static Path model(String name) {
        return root().resolve("models").resolve(name + ".tflite");
    }

    public static Path oracle(String name) {
        return root().resolve("oracle").resolve(name);
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row of layers.tsv: the operator's output tensor and where its bytes sit in layers_k.bin. */
    public record Layer(int op, String opName, int tensor, int bytes, int offset) {}

    public static List<Layer> layers(String name) {
        try {
            List<String> lines = Files.readAllLines(oracle(name).resolve("layers.tsv"));
            List<Layer> r = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split("\t");
                r.add(new Layer(Integer.parseInt(c[0]), c[1], Integer.parseInt(c[2]), Integer.parseInt(c[6]),
                        Integer.parseInt(c[7])));
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases k of a model: every in_k.bin. */
    public static int cases(String name) {
        int k = 0;
        while (Files.exists(oracle(name).resolve("in_" + k + ".bin"))) {
            k++;
        }
        return k;
    }
}
