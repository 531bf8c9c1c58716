package io.pqkmcu.tests;

import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sparse convolution kernels' two-pixels-per-SMLAL path (pqk_nn_sparse_block_s16 with
 * PQK_SPARSE_PAIRS) on the Cortex-M4 (qemu-mps2-an386: the assembly routine pqk_sparse_pair_rows_dsp) and
 * the Cortex-M3 (qemu-mps2-an385: pqk_sparse_pair_rows_plain), against the Java int8 reference, on shapes
 * the random probes of KernelPathsOnQemuTest rarely reach: 1x1 and general convolutions in place and
 * not, stride 2, full and part blocks of eight pixels. Layers in the full int8 range with rows of at most
 * 129 non-zeros and 256 positions run in the assembly routines; the others (a relu clamp, rows of more
 * than 129 non-zeros summed in runs, rows of more than 256 positions with uint16 indices) in the C loops
 * over the same decoded list. Besides random inputs every layer gets the two constant extremes (all -128,
 * all 127), which drive the packed fields' sums furthest.
 */
class SparseConvPairsOnQemuTest {
    /**
     * h, w, c, kh, kw, stride, c_out, sparsity in percent, relu (1) or the full range (0). Outputs stay
     * under 500 values: UartReport's logits pattern recurses once per value and overflows the test JVM's
     * stack on a few thousand.
     */
    private static final int[][] SHAPES = {
        {1, 11, 64, 1, 1, 1, 40, 80, 0},  // like the demo's pointwise layers: in place, a full block and a part one
        {3, 3, 24, 1, 1, 1, 48, 80, 0},   // more outputs than inputs: not in place
        {2, 7, 32, 1, 1, 1, 32, 70, 1},   // a relu clamp: the C loop
        {4, 5, 200, 1, 1, 1, 16, 5, 0},   // rows of about 190 non-zeros: two runs each
        {3, 4, 300, 1, 1, 1, 12, 30, 0},  // 300 positions a row: uint16 indices, long rows
        {9, 7, 40, 1, 1, 2, 24, 60, 0},   // 1x1, stride 2
        {11, 5, 1, 10, 4, 2, 24, 80, 0},  // like the demo's conv1
        {7, 6, 20, 3, 3, 1, 10, 2, 1},    // general convolution, rows of about 176 non-zeros, relu
        {6, 9, 3, 3, 3, 1, 5, 50, 0},     // small
        {1, 3, 16, 1, 1, 1, 16, 50, 0},   // fewer pixels than a block
    };

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"qemu-mps2-an386", "qemu-mps2-an385"})
    void sparseConvolutionsMatchTheReference(String board) throws Exception {
        for (int i = 0; i < SHAPES.length; i++) {
            int[] s = SHAPES[i];
            Int8Model m = RandomModels.conv(9100 + i, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7] / 100.0,
                    s[8] == 1);
            List<byte[]> inputs = new ArrayList<>(HostBitExactnessTest.inputs(m, m.name().hashCode()));
            for (byte v : new byte[] {-128, 127}) {
                byte[] constant = new byte[m.input().size()];
                Arrays.fill(constant, v);
                inputs.add(constant);
            }
            Int8Interpreter java = new Int8Interpreter(m);
            Path dir = tmp.resolve(board + "-" + m.name());
            new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard(board).withPolicy(FormatPolicy.SPARSE)
                    .withTestVectors(inputs));
            String report = Files.readString(dir.resolve("report.txt"), StandardCharsets.UTF_8);
            String where = m.name() + " (" + m.input().shapeString() + " -> " + m.output().shapeString() + ") on " + board;
            assertTrue(report.contains("pqk_convolve_1x1_sparse_s8") || report.contains("pqk_convolve_sparse_s8"),
                    where + ": not a sparse convolution:\n" + report);
            DeviceRunResult device = DeviceRun.run(ProjectInfo.read(dir));
            assertTrue(device.firmwarePassed(), where + ": the firmware reported a mismatch");
            assertEquals(inputs.size(), device.vectors().size(), where);
            for (VectorResult v : device.vectors()) {
                assertArrayEquals(java.run(inputs.get(v.index())), v.logits(), where + ", input " + v.index());
            }
        }
    }
}
