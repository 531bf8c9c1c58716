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
                int8 - 0.01, v.pruned ? s * 0.9 : 0, 1000, 12, Double.NaN);
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
        assertTrue(md.contains("| dense float | 0 % | 0.0 % | 94.00 ± 1.41 % | 93.00 ± 1.41 % | -1.00 | 92.00 ± 1.41 % | – | 2 "
                + "| 12 s |"), md);
        assertTrue(md.contains("| PQK | 90 % | 81.0 % | 88.00 % | 87.00 % | -1.00 | 86.00 % | 95.00 % | 1 | 12 s |"), md);
        assertFalse(md.contains("paired by seed"), "no pruning + QAT runs, no paired table:\n" + md);
        assertFalse(md.contains("Phase 1 shared"), "no run shared its phase 1:\n" + md);
        String csv = AblationReport.csv(o);
        assertEquals(5, csv.lines().count());
        assertTrue(csv.startsWith("variant,sparsity,seed,"), csv);
        assertTrue(csv.contains("pqk,0.8000,1,1000,0.72000,0.91000,0.90500,0.89500,0.95000,12.0"), csv);
        String svg = AblationReport.svg(o, "t <&>");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertEquals(3, svg.split("<rect x=").length - 1 - 3, "three bars besides the three legend swatches");
        assertTrue(svg.contains("t &lt;&amp;&gt;"));
        assertFalse(svg.contains("NaN"), svg);
    }

    @Test
    void runsThatSharedPhase1AreNamedWithHowTheirTimeCounts() {
        List<Ablation.Outcome> o = List.of(
                new Ablation.Outcome(new Ablation.Run(Ablation.Variant.PRUNE_QAT, 0.9, 1), 0.9, Double.NaN, 0.9, 0.9, 0.8,
                        1000, 30, 20),
                new Ablation.Outcome(new Ablation.Run(Ablation.Variant.PQK, 0.9, 1), 0.9, 0.95, 0.91, 0.9, 0.8, 1000, 36,
                        20),
                new Ablation.Outcome(new Ablation.Run(Ablation.Variant.PRUNE_QAT, 0.8, 1), 0.9, Double.NaN, 0.9, 0.9, 0.7,
                        1000, 28, 18),
                new Ablation.Outcome(new Ablation.Run(Ablation.Variant.PQK, 0.8, 1), 0.9, 0.95, 0.9, 0.9, 0.7, 1000, 33,
                        18),
                outcome(Ablation.Variant.PRUNE, 0.9, 1, 0.85, 0.85));
        String md = AblationReport.markdown(o, "s");
        assertTrue(md.contains("Phase 1 shared: pruning + QAT and PQK trained their phase 1 once per sparsity and seed"),
                md);
        assertTrue(md.contains("counts the shared phase 1 in full (19 s on average) plus their own phase 2"), md);
        assertTrue(md.contains("| PQK | 90 % | 80.0 % | 90.00 % | 91.00 % | +1.00 | 90.00 % | 95.00 % | 1 | 36 s |"), md);
        assertEquals(6, AblationReport.csv(o).lines().count(), "the CSV keeps its columns: one row per run");
        assertTrue(AblationReport.csv(o).contains("pqk,0.9000,1,1000,0.80000,0.90000,0.91000,0.90000,0.95000,36.0\n"));
    }

    @Test
    void thePairedDifferenceHasAPairedTInterval() {
        double[] pqk = {0.90, 0.92, 0.91};
        double[] qat = {0.89, 0.90, 0.91};
        List<Ablation.Outcome> o = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            o.add(outcome(Ablation.Variant.PRUNE_QAT, 0.9, i + 1, 0.95, qat[i]));
            o.add(outcome(Ablation.Variant.PQK, 0.9, i + 1, 0.95, pqk[i]));
        }
        o.add(outcome(Ablation.Variant.PQK, 0.9, 9, 0.95, 0.99)); // no partner: left out of the pairs
        o.add(outcome(Ablation.Variant.PRUNE_QAT, 0.8, 1, 0.95, 0.9));
        o.add(outcome(Ablation.Variant.PQK, 0.8, 1, 0.95, 0.91));
        List<AblationReport.Paired> p = AblationReport.paired(o, Ablation.Outcome::int8Accuracy);
        assertEquals(2, p.size());
        AblationReport.Paired one = p.get(0);
        assertEquals(0.8, one.sparsity());
        assertEquals(1, one.pairs());
        assertEquals(0.01, one.mean(), 1e-12);
        assertTrue(Double.isNaN(one.lo()) && Double.isNaN(one.p()), "one pair: no interval");
        AblationReport.Paired three = p.get(1);
        // differences 0.01, 0.02, 0.00: mean 0.01, sd 0.01; t(0.975, 2) = 4.302652729911275 (tables)
        double half = 4.302652729911275 * 0.01 / Math.sqrt(3);
        assertEquals(3, three.pairs());
        assertEquals(0.01, three.mean(), 1e-12);
        assertEquals(0.01 - half, three.lo(), 1e-9);
        assertEquals(0.01 + half, three.hi(), 1e-9);
        // t = sqrt(3) with 2 degrees of freedom: two-sided p = 1 - t / sqrt(t^2 + 2)
        assertEquals(1 - Math.sqrt(3) / Math.sqrt(5), three.p(), 1e-9);
        String md = AblationReport.markdown(o, "s");
        assertTrue(md.contains("| 90 % | 3 | +1.00 | [-1.48, +3.48] | 0.225 | +1.00 | [-1.48, +3.48] |"), md);
        assertTrue(md.contains("| 80 % | 1 | +1.00 | – (one seed) | – |"), md);
        String svg = AblationReport.svg(o, "t");
        assertTrue(svg.contains("90 % sparsity: +1.00 [-1.48, +3.48] (3 seeds)"), svg);
        assertFalse(svg.contains("NaN"), svg);
    }
}
