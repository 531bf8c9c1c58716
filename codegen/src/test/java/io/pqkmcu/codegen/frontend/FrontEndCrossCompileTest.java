package io.pqkmcu.codegen.frontend;

import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.frontend.FeatureQuantization;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.util.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The front end and its generated tables build for Cortex-M with the strict flags and use no floating point. */
class FrontEndCrossCompileTest {
    @Test
    void buildsForCortexMWithoutFloatingPoint(@TempDir Path dir) {
        build(dir, FrontEndConfig.mfccDefault(), List.of());
    }

    @Test
    void withCmnBuildsForCortexMWithoutFloatingPoint(@TempDir Path dir) {
        // The int64 floor division of the mean is integer-only too (__aeabi_ldivmod on the M0+, not a float helper).
        build(dir, FrontEndConfig.mfccDefault().withNormalization(FrontEndConfig.Normalization.CMN),
                List.of("-DPQK_FRONTEND_CMN=1"));
    }

    @Test
    void cmnTablesRefuseToCompileWithoutTheNormalisation(@TempDir Path dir) {
        FrontEndSources s = new FrontEndSourceGenerator("test").generate(
                FrontEndConfig.mfccDefault().withNormalization(FrontEndConfig.Normalization.CMN),
                new FeatureQuantization(0.5, 0), "fe_tables", "cross-compile test");
        CSources.write(dir.resolve(s.headerFileName()), s.header());
        CSources.write(dir.resolve(s.sourceFileName()), s.source());
        CSources.copyRuntime(dir, "pqk_common.h", "pqk_frontend.h", "pqk_frontend.c");
        ProcessRunner.Result r = ProcessRunner.run(List.of(Tool.ARM_GCC.require(), "-mcpu=cortex-m4", "-mthumb", "-std=c99",
                "-I" + dir, "-c", dir.resolve(s.sourceFileName()).toString(), "-o", dir.resolve("t.o").toString()),
                dir, Duration.ofMinutes(2));
        org.junit.jupiter.api.Assertions.assertNotEquals(0, r.exitCode());
        org.junit.jupiter.api.Assertions.assertTrue(r.stderr().contains("compile pqk_frontend.c and this file with "
                + "-DPQK_FRONTEND_CMN=1"), r.stderr());
    }

    private static void build(Path dir, FrontEndConfig config, List<String> defines) {
        String gcc = Tool.ARM_GCC.require();
        FrontEndSources s = new FrontEndSourceGenerator("test").generate(config,
                new FeatureQuantization(0.5, 0), "fe_tables", "cross-compile test");
        CSources.write(dir.resolve(s.headerFileName()), s.header());
        CSources.write(dir.resolve(s.sourceFileName()), s.source());
        CSources.copyRuntime(dir, "pqk_common.h", "pqk_frontend.h", "pqk_frontend.c");
        for (String cpu : List.of("cortex-m0plus", "cortex-m4", "cortex-m55")) {
            List<String> objects = new ArrayList<>();
            for (String src : List.of("pqk_frontend.c", s.sourceFileName())) {
                String obj = cpu + "_" + src.replace(".c", ".o");
                List<String> cmd = new ArrayList<>(List.of(gcc, "-mcpu=" + cpu, "-mthumb", "-std=c99", "-Wall", "-Wextra",
                        "-Werror", "-pedantic", "-O2"));
                cmd.addAll(defines);
                cmd.addAll(List.of("-I" + dir, "-c", dir.resolve(src).toString(), "-o", dir.resolve(obj).toString()));
                ProcessRunner.runChecked(cmd, dir, Duration.ofMinutes(2));
                objects.add(dir.resolve(obj).toString());
            }
            if (cpu.equals("cortex-m0plus")) {
                // No FPU on M0+: any float or double operation would show up as a soft-float helper call.
                List<String> nm = new ArrayList<>(List.of("arm-none-eabi-nm", "-u"));
                nm.addAll(objects);
                String undefined = ProcessRunner.runChecked(nm, dir, Duration.ofMinutes(1)).stdout();
                assertFalse(undefined.matches("(?s).*__aeabi_(f|d|i2f|i2d|ui2f|ui2d|l2f|l2d|f2|d2).*"),
                        "floating-point helpers referenced:\n" + undefined);
            }
        }
    }
}
