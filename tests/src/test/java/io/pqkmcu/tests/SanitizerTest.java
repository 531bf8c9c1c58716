package io.pqkmcu.tests;

import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.GeneratedProject;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.OpKind;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.util.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated C under AddressSanitizer and UndefinedBehaviorSanitizer. Loading an ASan-built .so into
 * the JVM needs LD_PRELOAD of libasan for the whole JVM and drowns in the JVM's own reports, so this
 * builds a small C driver executable instead (check_vectors.c) that runs the project's test vectors,
 * whose expected outputs come from the Java int8 interpreter, and fails on any sanitizer report.
 */
class SanitizerTest {
    @TempDir
    Path tmp;

    @Test
    void generatedModelsAreCleanUnderAsanAndUbsan() throws IOException {
        List<Int8Model> models = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            models.add(RandomModels.random(2000 + i));
        }
        for (OpKind kind : RandomModels.KINDS) {
            models.add(RandomModels.singleOp(kind, 2100, 0.7));
        }
        byte[] driver;
        try (InputStream in = getClass().getResourceAsStream("check_vectors.c")) {
            driver = in.readAllBytes();
        }
        int n = 0;
        for (Int8Model m : models) {
            for (FormatPolicy policy : List.of(FormatPolicy.DENSE, FormatPolicy.SPARSE)) {
                Path dir = tmp.resolve(m.name() + "-" + policy);
                GeneratedProject p = new ProjectGenerator().generate(m, GenerateOptions.of(dir).withPolicy(policy)
                        .withTestVectors(HostBitExactnessTest.inputs(m, n)));
                Files.write(dir.resolve("check_vectors.c"), driver);
                List<String> cmd = new ArrayList<>(List.of(Tool.GCC.require(), "-std=c99", "-Wall", "-Wextra", "-Werror",
                        "-pedantic", "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                        "-fno-omit-frame-pointer", "-Iinclude", "-Isrc", "-Isrc/kernels", "-Ifirmware"));
                try (Stream<Path> src = Files.walk(dir.resolve("src"))) {
                    src.filter(f -> f.toString().endsWith(".c")).sorted().forEach(f -> cmd.add(dir.relativize(f).toString()));
                }
                cmd.addAll(List.of("firmware/test_data.S", "check_vectors.c", "-o", "check_vectors"));
                ProcessRunner.runChecked(cmd, dir, Duration.ofMinutes(2));
                ProcessRunner.Result r = ProcessRunner.run(List.of(dir.resolve("check_vectors").toString()), dir,
                        Duration.ofMinutes(1));
                String where = m.name() + " " + policy + " " + p.layerFormats();
                assertEquals(0, r.exitCode(), where + "\n" + r.stdout() + r.stderr());
                assertTrue(r.stdout().startsWith("PASS"), where + "\n" + r.stdout());
                assertTrue(r.stderr().isEmpty(), where + " sanitizer output:\n" + r.stderr());
                n++;
            }
        }
        assertEquals(2 * (8 + RandomModels.KINDS.size()), n);
    }
}
