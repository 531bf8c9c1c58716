package io.pqkmcu.tests;

import io.pqkmcu.trainer.model.Int8Model;
import io.pqkmcu.trainer.model.ModelFile;
import io.pqkmcu.trainer.model.RandomModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pqk simulate}: totals from the normal build, instructions per layer from the profiling build. */
class SimulateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reportsEveryLayerAndTheirSumMatchesTheModelTotal() throws Exception {
        Int8Model m = RandomModels.random(5101);
        Path model = tmp.resolve("m.pqkm");
        ModelFile.write(m, model);
        Path dir = tmp.resolve("p");
        CliRun g = CliRun.of("generate", model.toString(), "--board", "qemu-mps2-an386", "--out", dir.toString());
        assertEquals(0, g.exitCode(), g.err());

        CliRun r = CliRun.of("simulate", dir.toString(), "--timeout", "120");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("PASS on qemu-mps2-an386"), r.out());
        long sum = 0;
        for (int i = 0; i < m.ops().size(); i++) {
            Matcher row = Pattern.compile("(?m)^\\s+" + i + " " + Pattern.quote(m.ops().get(i).name())
                    + "\\s+" + m.ops().get(i).kind().name() + "\\s+(\\d+)\\s").matcher(r.out());
            assertTrue(row.find(), "no row for layer " + i + ":\n" + r.out());
            long n = Long.parseLong(row.group(1));
            assertTrue(n > 0, "layer " + i + " counted no instructions:\n" + r.out());
            sum += n;
        }
        Matcher total = Pattern.compile("model, normal build \\(median\\)\\s+(\\d+)").matcher(r.out());
        assertTrue(total.find(), r.out());
        long modelTotal = Long.parseLong(total.group(1));
        // The layers are the model minus its copy in/out; the hook's calls add a few instructions per layer.
        assertTrue(sum <= modelTotal + 20L * m.ops().size() && sum >= modelTotal * 0.9,
                "sum of layers " + sum + " vs model total " + modelTotal + ":\n" + r.out());
    }
}
