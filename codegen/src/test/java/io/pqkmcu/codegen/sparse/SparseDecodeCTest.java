package io.pqkmcu.codegen.sparse;

import io.pqkmcu.codegen.CTestSupport;
import io.pqkmcu.codegen.project.CArrays;
import io.pqkmcu.model.util.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round trip through the C decoder: tables encoded in Java, unpacked by pqk_sparse_unpack.c (under
 * ASan/UBSan) into (weight, k) words and row counts, compared with the original weights; plus its
 * corruption checks (truncated stream, more weights than announced, magnitudes above 127). The same for
 * pqk_sparse_decode's entry list (the sparse convolutions' layout, pqk_nn_support.h), with its run ends
 * and its size bound, built with and without PQK_SPARSE_LONG_ROWS.
 */
class SparseDecodeCTest {
    @TempDir
    Path dir;

    @Test
    void cDecoderReproducesJavaEncodedTables() throws Exception {
        CTestSupport.copyRuntime(dir);
        Random rnd = new Random(3);
        StringBuilder c = new StringBuilder();
        c.append("#include <stdio.h>\n#include \"pqk_kernels.h\"\n");
        c.append("static int8_t weights[40000];\nstatic uint16_t index16[40000];\nstatic uint16_t row_nnz[64];\n"
                + "static int8_t row_buf[40000];\n");
        c.append(CHECK_FUNCTION);
        StringBuilder calls = new StringBuilder();
        int tables = 40;
        for (int i = 0; i < tables; i++) {
            int rows = 1 + rnd.nextInt(12);
            int cols = 1 + rnd.nextInt(i == 0 ? 32767 : 400);
            if (i == 0) {
                rows = 1; // one row at the int16 index limit region
            }
            double sparsity = i == 1 ? 1.0 : rnd.nextDouble();
            byte[] w = SparseTableEncoderTest.randomWeights(rnd, rows * cols, sparsity, 1 + rnd.nextInt(50), 127);
            appendTable(c, calls, i, rows, cols, w);
        }
        appendMain(c, calls);
        Path main = dir.resolve("roundtrip.c");
        Files.writeString(main, c.toString());
        Path exe = CTestSupport.compileExecutable(List.of(main, dir.resolve("pqk_sparse_unpack.c")), dir,
                dir.resolve("roundtrip"), CTestSupport.SANITIZE);
        ProcessRunner.Result r = CTestSupport.run(exe);
        assertEquals("failures=0\n", r.stdout(), r.stdout() + r.stderr());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().isEmpty(), r.stderr());
    }

    @Test
    void cDecodeListReproducesJavaEncodedTables() throws Exception {
        CTestSupport.copyRuntime(dir);
        Random rnd = new Random(5);
        StringBuilder c = new StringBuilder();
        c.append("#include <stdio.h>\n#include \"pqk_kernels.h\"\n#include \"pqk_nn_support.h\"\n");
        c.append("static uint8_t list[200000];\nstatic int8_t row_buf[40000];\n");
        c.append(DECODE_CHECK_FUNCTION);
        StringBuilder calls = new StringBuilder();
        int tables = 40;
        for (int i = 0; i < tables; i++) {
            int rows = 1 + rnd.nextInt(12);
            // narrow and wide rows; low sparsity in some makes rows of more than 129 non-zeros (runs)
            int cols = 1 + rnd.nextInt(i < 4 ? 1000 : 400);
            double sparsity = i == 1 ? 1.0 : i % 3 == 0 ? 0.2 * rnd.nextDouble() : rnd.nextDouble();
            byte[] w = SparseTableEncoderTest.randomWeights(rnd, rows * cols, sparsity, 1 + rnd.nextInt(50), 127);
            appendTable(c, calls, i, rows, cols, w);
        }
        appendMain(c, calls);
        Path main = dir.resolve("decode.c");
        Files.writeString(main, c.toString());
        for (String longRows : List.of("1", "0")) {
            List<String> flags = new java.util.ArrayList<>(CTestSupport.SANITIZE);
            flags.add("-DPQK_SPARSE_PAIRS=1");
            flags.add("-DPQK_SPARSE_LONG_ROWS=" + longRows);
            Path exe = CTestSupport.compileExecutable(List.of(main, dir.resolve("pqk_sparse_unpack.c")), dir,
                    dir.resolve("decode" + longRows), flags);
            ProcessRunner.Result r = CTestSupport.run(exe);
            assertEquals("failures=0\n", r.stdout(), "PQK_SPARSE_LONG_ROWS=" + longRows + ": " + r.stdout() + r.stderr());
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().isEmpty(), r.stderr());
        }
    }

    /**
     * check(table, expected, id) for pqk_sparse_decode: walk the list (k, w entries of 2 or 3 bytes; w = 0
     * ends a row when k = 0, a run when k = 1), rebuild the matrix and compare; runs of at most 129
     * weights, a run end only inside a row that goes on, the list within pqk_sparse_decoded_bytes (the
     * tail of the buffer is checked untouched); without PQK_SPARSE_LONG_ROWS tables with longer rows are
     * refused. Then the truncated-stream and too-many-weights errors.
     */
    private static final String DECODE_CHECK_FUNCTION = String.join("\n",
            "static int decode_all(const pqk_sparse_table *t, const int8_t *expected)",
            "{",
            "    const int32_t n = t->cols <= 256 ? 2 : 3;",
            "    const int32_t bytes = pqk_sparse_decoded_bytes(t);",
            "    const uint8_t *e = list;",
            "    int32_t row;",
            "    int32_t weights = 0;",
            "    int32_t i;",
            "    pqk_status s;",
            "    for (i = 0; i < (int32_t)sizeof list; i++) {",
            "        list[i] = 0xA5;",
            "    }",
            "    s = pqk_sparse_decode(t, list);",
            "    if (!PQK_SPARSE_LONG_ROWS && t->max_row_nnz > PQK_SPARSE_PAIR_RUN) {",
            "        return s == PQK_ERROR_ARGUMENT ? 0 : 110;",
            "    }",
            "    if (s != PQK_OK) {",
            "        return (int)s;",
            "    }",
            "    for (row = 0; row < t->rows; row++) {",
            "        int32_t previous = -1;",
            "        int32_t run = 0;",
            "        for (i = 0; i < t->cols; i++) {",
            "            row_buf[i] = 0;",
            "        }",
            "        for (;;) {",
            "            const int32_t k = n == 2 ? e[0] : e[0] | e[1] << 8;",
            "            const int8_t w = (int8_t)e[n - 1];",
            "            e += n;",
            "            if (w == 0 && k == 0) {",
            "                break;",
            "            }",
            "            if (w == 0) {",
            "                if (k != 1 || run != PQK_SPARSE_PAIR_RUN || !PQK_SPARSE_LONG_ROWS) {",
            "                    return 103;",
            "                }",
            "                run = 0;",
            "                continue;",
            "            }",
            "            if (k <= previous || k >= t->cols || ++run > PQK_SPARSE_PAIR_RUN) {",
            "                return 100;",
            "            }",
            "            row_buf[k] = w;",
            "            previous = k;",
            "            weights++;",
            "        }",
            "        for (i = 0; i < t->cols; i++) {",
            "            if (row_buf[i] != expected[row * t->cols + i]) {",
            "                return 101;",
            "            }",
            "        }",
            "    }",
            "    if (e - list > bytes) {",
            "        return 104;",
            "    }",
            "    for (i = bytes; i < (int32_t)sizeof list; i++) {",
            "        if (list[i] != 0xA5) {",
            "            return 105;",
            "        }",
            "    }",
            "    return weights == t->nnz ? 0 : 102;",
            "}",
            "",
            "")
            + checkFunction("decode", "pqk_sparse_decode(%s, list)", "");

    /** check(table, expected, id): unpack, rebuild the matrix, compare; then the corruption error paths. */
    private static final String CHECK_FUNCTION = String.join("\n",
            "static int unpack_all(const pqk_sparse_table *t, const int8_t *expected)",
            "{",
            "    int32_t row;",
            "    int32_t e = 0;",
            "    pqk_status s = pqk_sparse_unpack(t, weights, index16, row_nnz);",
            "    if (s != PQK_OK) {",
            "        return (int)s;",
            "    }",
            "    for (row = 0; row < t->rows; row++) {",
            "        int32_t i;",
            "        int32_t previous = -1;",
            "        for (i = 0; i < t->cols; i++) {",
            "            row_buf[i] = 0;",
            "        }",
            "        for (i = 0; i < row_nnz[row]; i++, e++) {",
            "            const int32_t k = t->cols <= 256 ? ((const uint8_t *)index16)[e] : index16[e];",
            "            if (k <= previous || k >= t->cols) {",
            "                return 100;",
            "            }",
            "            row_buf[k] = weights[e];",
            "            previous = k;",
            "        }",
            "        for (i = 0; i < t->cols; i++) {",
            "            if (row_buf[i] != expected[row * t->cols + i]) {",
            "                return 101;",
            "            }",
            "        }",
            "    }",
            "    return e == t->nnz ? 0 : 102;",
            "}",
            "",
            "")
            + checkFunction("unpack", "pqk_sparse_unpack(%s, weights, index16, row_nnz)", String.join("\n",
            "    if (t->nnz > 0 && t->value_base < 127) {",
            "        pqk_sparse_table heavy = *t;",
            "        heavy.value_base = 127;",
            "        if (t->value_bits > 1 && pqk_sparse_unpack(&heavy, weights, index16, row_nnz) == PQK_OK) {",
            "            int32_t i;",
            "            for (i = 0; i < t->nnz; i++) {",
            "                if (weights[i] != 127 && weights[i] != -127) {",
            "                    printf(\"table %d: a magnitude above 127 was not reported\\n\", id);",
            "                    failures++;",
            "                    break;",
            "                }",
            "            }",
            "        }",
            "    }",
            ""));

    /**
     * check(table, expected, id): {@code <verb>_all} rebuilds the matrix and compares it; then the corruption error
     * paths every reader must refuse (a stream one byte short, fewer weights announced than it holds), through
     * {@code call} (a C call, %s standing for the table), then {@code extra} checks.
     */
    private static String checkFunction(String verb, String call, String extra) {
        return String.join("\n",
                "static int check(const pqk_sparse_table *t, const int8_t *expected, int id)",
                "{",
                "    int failures = 0;",
                "    int rc = " + verb + "_all(t, expected);",
                "    if (rc != 0) {",
                "        printf(\"table %d: " + verb + " failed (%d)\\n\", id, rc);",
                "        failures++;",
                "    }",
                "    if (t->stream_bytes > 0) {",
                "        pqk_sparse_table truncated = *t;",
                "        truncated.stream_bytes--;",
                "        if (" + call.formatted("&truncated") + " != PQK_ERROR_ARGUMENT) {",
                "            printf(\"table %d: a truncated stream was not reported\\n\", id);",
                "            failures++;",
                "        }",
                "    }",
                "    if (t->nnz > 0) {",
                "        pqk_sparse_table fewer = *t;",
                "        fewer.nnz--;",
                "        if (" + call.formatted("&fewer") + " != PQK_ERROR_ARGUMENT) {",
                "            printf(\"table %d: more weights than announced were not reported\\n\", id);",
                "            failures++;",
                "        }",
                "    }",
                extra + "    return failures;",
                "}",
                "");
    }

    /** Table i (Java-encoded) and its expected weights as C arrays, and the call that checks one against the other. */
    private static void appendTable(StringBuilder c, StringBuilder calls, int i, int rows, int cols, byte[] w) {
        SparseTable t = SparseTableEncoder.encode(new WeightMatrix(rows, cols, w));
        List<String> stream = t.streamBytes() == 0 ? List.of("0") : CArrays.hex(t.stream());
        c.append("static const uint8_t s").append(i).append("[] = {").append(String.join(" ", stream)).append("};\n");
        c.append("static const int8_t e").append(i).append("[] = {").append(String.join(" ", CArrays.int8(w))).append("};\n");
        c.append(String.format("static const pqk_sparse_table t%d = {s%d, %d, %d, %d, %d, %d, %d, %d, %d, %d};%n", i, i,
                t.streamBytes(), t.entries(), t.nonZeros(), t.rows(), t.cols(), t.maxRowNonZeros(), t.gapBits(),
                t.valueBits(), t.valueBase()));
        calls.append("    failures += check(&t").append(i).append(", e").append(i).append(", ").append(i).append(");\n");
    }

    /** main(): every check call, the failure count printed, exit 1 on any failure. */
    private static void appendMain(StringBuilder c, StringBuilder calls) {
        c.append("int main(void)\n{\n    int failures = 0;\n").append(calls)
                .append("    printf(\"failures=%d\\n\", failures);\n    return failures != 0;\n}\n");
    }
}
