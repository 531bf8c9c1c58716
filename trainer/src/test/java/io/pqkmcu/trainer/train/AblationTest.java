package io.pqkmcu.trainer.train;

import io.pqkmcu.trainer.pqk.PqkConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AblationTest {
    @Test
    void variantsChangeOnlyPruningQatAndPhaseTwo() {
        PqkConfig base = new PqkConfig();
        base.phase1Steps = 200;
        base.phase2Steps = 80;
        base.temperature = 3;
        for (Ablation.Variant v : Ablation.Variant.values()) {
            PqkConfig c = v.configure(base, 0.9, 7);
            assertEquals(7, c.seed);
            assertEquals(200, c.phase1Steps, "same budget");
            assertEquals(80, c.phase2Steps, "same budget");
            assertEquals(3, c.temperature);
            assertEquals(v.pruned ? 0.9 : 0.0, c.targetSparsity, v.id);
            assertEquals(v.qat, c.quantize, v.id);
            assertEquals(v == Ablation.Variant.PQK ? PqkConfig.Phase2Mode.DISTILL : PqkConfig.Phase2Mode.FINETUNE,
                    c.phase2Mode, v.id);
        }
        assertEquals(0.8, base.targetSparsity, "the base is not modified");
    }

    @Test
    void denseVariantsRunOncePerSeedOthersPerSparsity() {
        List<Ablation.Run> runs = Ablation.plan(List.of(Ablation.Variant.values()), List.of(0.8, 0.9), List.of(1L, 2L));
        assertEquals(2 * 2 + 3 * 2 * 2, runs.size());
        assertEquals("dense-float-seed1", runs.get(0).id());
        assertEquals("pqk-s90-seed2", runs.get(runs.size() - 1).id());
        assertThrows(IllegalArgumentException.class, () -> Ablation.plan(List.of(Ablation.Variant.PQK), List.of(1.0),
                List.of(1L)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ablation.Variant.byId("qat")).getMessage()
                .contains("prune-qat"));
    }

    private static Ablation.Outcome outcome(Ablation.Variant v, double s, long seed, double fl, double int8) {
        return new Ablation.Outcome(new Ablation.Run(v, s, seed), fl, v == Ablation.Variant.PQK ? 0.95 : Double.NaN, int8,
                v.pruned ? s * 0.9 : 0, 1000, 12);
    }

    @Test
    void reportsAverageSeedsAndPlotEveryGroup() {
        List<Ablation.Outcome> o = List.of(
                outcome(Ablation.Variant.DENSE_FLOAT, 0, 1, 0.95, 0.94),
                outcome(Ablation.Variant.DENSE_FLOAT, 0, 2, 0.93, 0.92),
                outcome(Ablation.Variant.PQK, 0.8, 1, 0.91, 0.905),
                outcome(Ablation.Variant.PQK, 0.9, 1, 0.88, 0.87));
        String md = AblationReport.markdown(o, "setup line");
        assertTrue(md.startsWith("setup line\n\n| variant |"), md);
        assertTrue(md.contains("| dense float | 0 % | 0.0 % | 94.00 ± 1.41 % | 93.00 ± 1.41 % | -1.00 | – | 2 | 12 s |"), md);
        assertTrue(md.contains("| PQK | 90 % | 81.0 % | 88.00 % | 87.00 % | -1.00 | 95.00 % | 1 | 12 s |"), md);
        String csv = AblationReport.csv(o);
        assertEquals(5, csv.lines().count());
        assertTrue(csv.contains("pqk,0.8000,1,1000,0.72000,0.91000,0.90500,0.95000,12.0"), csv);
        String svg = AblationReport.svg(o, "t <&>");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertEquals(3, svg.split("<rect x=").length - 1 - 3, "three bars besides the three legend swatches");
        assertTrue(svg.contains("t &lt;&amp;&gt;"));
        assertFalse(svg.contains("NaN"), svg);
    }
}
