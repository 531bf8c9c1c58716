package io.pqkmcu.codegen.sparse;

import io.pqkmcu.codegen.CTestSupport;
import io.pqkmcu.codegen.project.CArrays;
import io.pqkmcu.codegen.toolchain.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round trip through the C decoder: tables encoded in Java, decoded row by row by pqk_sparse_decode.c
 * (under ASan/UBSan), compared with the original weights; plus its capacity and corruption checks.
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
        c.append("static int16_t k_buf[40000];\nstatic int8_t v_buf[40000];\nstatic int8_t row_buf[40000];\n");
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
            SparseTable t = SparseTableEncoder.encode(new WeightMatrix(rows, cols, w));
            List<String> stream = t.streamBytes() == 0 ? List.of("0") : CArrays.hex(t.stream());
            c.append("static const uint8_t s").append(i).append("[] = {").append(String.join(" ", stream)).append("};\n");
            c.append("static const int8_t e").append(i).append("[] = {").append(String.join(" ", CArrays.int8(w))).append("};\n");
            c.append(String.format("static const pqk_sparse_table t%d = {s%d, %d, %d, %d, %d, %d, %d, %d, %d, %d};%n", i, i,
                    t.streamBytes(), t.entries(), t.nonZeros(), t.rows(), t.cols(), t.maxRowNonZeros(), t.gapBits(),
                    t.valueBits(), t.valueBase()));
            calls.append("    failures += check(&t").append(i).append(", e").append(i).append(", ").append(i).append(");\n");
        }
        c.append("int main(void)\n{\n    int failures = 0;\n").append(calls)
                .append("    printf(\"failures=%d\\n\", failures);\n    return failures != 0;\n}\n");
        Path main = dir.resolve("roundtrip.c");
        Files.writeString(main, c.toString());
        Path exe = CTestSupport.compileExecutable(List.of(main, dir.resolve("pqk_sparse_decode.c")), dir,
                dir.resolve("roundtrip"), CTestSupport.SANITIZE);
        CommandResult r = CTestSupport.run(exe);
        assertEquals("failures=0\n", r.stdout(), r.stdout() + r.stderr());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().isEmpty(), r.stderr());
    }

    /** check(table, expected, id): decode all rows; then capacity and corruption error paths. */
    private static final String CHECK_FUNCTION = String.join("\n",
            "static int decode_all(const pqk_sparse_table *t, const int8_t *expected, int32_t capacity)",
            "{",
            "    pqk_sparse_reader r;",
            "    int32_t row;",
            "    pqk_status s = pqk_sparse_reader_init(&r, t);",
            "    if (s != PQK_OK) {",
            "        return (int)s;",
            "    }",
            "    for (row = 0; row < t->rows; row++) {",
            "        int32_t n;",
            "        int32_t i;",
            "        s = pqk_sparse_decode_row(&r, k_buf, v_buf, capacity, &n);",
            "        if (s != PQK_OK) {",
            "            return (int)s;",
            "        }",
            "        for (i = 0; i < t->cols; i++) {",
            "            row_buf[i] = 0;",
            "        }",
            "        for (i = 0; i < n; i++) {",
            "            if (k_buf[i] < 0 || k_buf[i] >= t->cols || (i > 0 && k_buf[i] <= k_buf[i - 1])) {",
            "                return 100;",
            "            }",
            "            row_buf[k_buf[i]] = v_buf[i];",
            "        }",
            "        for (i = 0; i < t->cols; i++) {",
            "            if (row_buf[i] != expected[row * t->cols + i]) {",
            "                return 101;",
            "            }",
            "        }",
            "    }",
            "    {",
            "        int32_t n;",
            "        if (pqk_sparse_decode_row(&r, k_buf, v_buf, capacity, &n) != PQK_ERROR_ARGUMENT) {",
            "            return 102; /* reading past the last row must fail */",
            "        }",
            "    }",
            "    return 0;",
            "}",
            "",
            "static int check(const pqk_sparse_table *t, const int8_t *expected, int id)",
            "{",
            "    int failures = 0;",
            "    int rc = decode_all(t, expected, t->max_row_nnz);",
            "    if (rc != 0) {",
            "        printf(\"table %d: decode failed (%d)\\n\", id, rc);",
            "        failures++;",
            "    }",
            "    if (t->max_row_nnz > 0 && decode_all(t, expected, t->max_row_nnz - 1) != (int)PQK_ERROR_SIZE) {",
            "        printf(\"table %d: a too small capacity was not reported\\n\", id);",
            "        failures++;",
            "    }",
            "    if (t->stream_bytes > 0) {",
            "        pqk_sparse_table truncated = *t;",
            "        truncated.stream_bytes--;",
            "        if (decode_all(&truncated, expected, t->max_row_nnz) != (int)PQK_ERROR_ARGUMENT) {",
            "            printf(\"table %d: a truncated stream was not reported\\n\", id);",
            "            failures++;",
            "        }",
            "    }",
            "    return failures;",
            "}",
            "");
}
