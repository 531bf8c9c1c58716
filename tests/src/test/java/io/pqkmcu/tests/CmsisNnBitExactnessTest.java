package io.pqkmcu.tests;

import io.pqkmcu.codegen.bench.DsCnnModels;
import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.HostRun;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.GeneratedProject;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --kernels cmsis-nn: dense convolutions, depthwise and fully connected layers run by ARM's CMSIS-NN
 * (the user's tree), sparse layers and the other ops by pqk's kernels, still bit-exact with the Java
 * int8 reference on the host (JNA) and on QEMU (M4 with DSP, M3 without). Skipped, with the reason, when
 * no CMSIS-NN tree is given (see {@link CmsisNn}).
 */
class CmsisNnBitExactnessTest {
    @TempDir
    Path tmp;

    @Test
    void cmsisNnLayersAgreeWithTheReferenceOnTheHostAndOnQemu() {
        Path cmsis = CmsisNn.require();
        List<Int8Model> models = List.of(DsCnnModels.small(0.5, 3), RandomModels.singleOp(
                io.pqkmcu.model.OpKind.CONV_2D, 41, 0.3));
        int run = 0;
        for (Int8Model m : models) {
            for (String board : List.of("qemu-mps2-an386", "qemu-mps2-an385")) {
                // AUTO keeps some layers sparse (pqk) beside the CMSIS-NN ones in the same model
                FormatPolicy policy = run % 2 == 0 ? FormatPolicy.DENSE : FormatPolicy.AUTO;
                List<byte[]> inputs = HostBitExactnessTest.inputs(m, run);
                Path dir = tmp.resolve(m.name() + "-" + board);
                GeneratedProject p = new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard(board)
                        .withPolicy(policy).withCmsisNn(cmsis).withTestVectors(inputs));
                if (policy == FormatPolicy.DENSE) {
                    assertTrue(text(dir.resolve("src/model.c")).contains("arm_convolve_wrapper_s8("), "no CMSIS-NN call");
                }
                ProjectInfo info = ProjectInfo.read(dir);
                DeviceRunResult device = DeviceRun.run(info);
                assertTrue(device.firmwarePassed(), board + " " + m.name() + " firmware reported a mismatch");
                Int8Interpreter java = new Int8Interpreter(m);
                try (HostRun host = HostRun.open(info, tmp.resolve("classes-" + run))) {
                    for (VectorResult v : device.vectors()) {
                        byte[] expected = java.run(inputs.get(v.index()));
                        assertArrayEquals(expected, host.invoke(inputs.get(v.index())), "host " + m.name());
                        assertArrayEquals(expected, v.logits(), "device " + board + " " + m.name());
                    }
                }
                run++;
            }
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
