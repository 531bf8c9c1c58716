package io.pqkmcu.codegen.plan;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.RandomModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryPlannerTest {

    @Test
    void chainReusesMemoryOfDeadTensors() {
        // a -> b -> c: a and c never live together, so they share offset 0.
        List<PlanBuffer> buffers = List.of(new PlanBuffer("a", 100, 0, 1), new PlanBuffer("b", 200, 1, 2),
                new PlanBuffer("c", 300, 2, 3));
        MemoryPlan plan = MemoryPlanner.plan(buffers);
        assertEquals(0, plan.offsetOf("c"));
        assertEquals(304, plan.offsetOf("b")); // after c, 16-byte aligned
        assertEquals(0, plan.offsetOf("a"));
        assertEquals(512, plan.arenaSize());
        assertEquals(600, plan.unsharedBytes());
        String text = plan.describe();
        assertTrue(text.contains("peak (arena size): 512 bytes"), text);
    }

    @Test
    void firstFitUsesAGapBetweenBuffers() {
        List<PlanBuffer> buffers = List.of(new PlanBuffer("big1", 64, 0, 2), new PlanBuffer("mid", 32, 0, 0),
                new PlanBuffer("big2", 64, 1, 3), new PlanBuffer("small", 16, 1, 1));
        MemoryPlan plan = MemoryPlanner.plan(buffers);
        // big1 @0, big2 @64 (overlaps big1 at 1..2), mid @64 (big2 not alive at 0), small: 0..64 taken by
        // big1 and 64..128 by big2 at step 1 -> @128.
        assertEquals(0, plan.offsetOf("big1"));
        assertEquals(64, plan.offsetOf("big2"));
        assertEquals(64, plan.offsetOf("mid"));
        assertEquals(128, plan.offsetOf("small"));
        assertEquals(144, plan.arenaSize());
    }

    @Test
    void randomPlansNeverOverlapLiveBuffersAndAreDeterministic() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            List<PlanBuffer> buffers = new ArrayList<>();
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                int a = rnd.nextInt(10);
                int b = a + rnd.nextInt(4);
                buffers.add(new PlanBuffer("b" + i, 1 + rnd.nextInt(500), a, b));
            }
            MemoryPlan plan = MemoryPlanner.plan(buffers);
            assertEquals(plan.describe(), MemoryPlanner.plan(buffers).describe());
            long maxLive = 0;
            for (int step = 0; step < 14; step++) {
                long live = 0;
                for (PlanBuffer b : buffers) {
                    if (b.firstStep() <= step && step <= b.lastStep()) {
                        live += b.size();
                    }
                }
                maxLive = Math.max(maxLive, live);
            }
            assertTrue(plan.arenaSize() >= maxLive, "arena below the live-bytes lower bound");
            assertEquals(0, plan.arenaSize() % MemoryPlanner.ALIGNMENT);
            for (MemoryPlan.Placement p : plan.placements()) {
                assertEquals(0, p.offset() % MemoryPlanner.ALIGNMENT);
                assertTrue(p.end() <= plan.arenaSize());
                for (MemoryPlan.Placement q : plan.placements()) {
                    if (p != q && p.buffer().overlapsInTime(q.buffer())) {
                        assertFalse(p.offset() < q.end() && q.offset() < p.end(),
                                "trial " + trial + ": " + p + " overlaps " + q);
                    }
                }
            }
        }
    }

    @Test
    void modelBuffersFollowTheGraph() {
        Int8Model m = RandomModels.random(5);
        int n = m.ops().size();
        List<PlanBuffer> buffers = ModelBuffers.of(m, new int[n], 0);
        PlanBuffer input = find(buffers, ModelBuffers.tensorKey(m.input()));
        PlanBuffer output = find(buffers, ModelBuffers.tensorKey(m.output()));
        assertEquals(0, input.firstStep());
        assertEquals(ModelBuffers.lastReaders(m)[m.inputId()], input.lastStep(), "the input dies after its last reader");
        assertEquals(n, output.lastStep(), "the output lives to the end");
        int[] scratch = new int[n];
        scratch[0] = 40;
        List<PlanBuffer> withScratch = ModelBuffers.of(m, scratch, 100);
        PlanBuffer s = find(withScratch, ModelBuffers.scratchKey(0, m.ops().get(0)));
        assertEquals(1, s.firstStep());
        assertEquals(1, s.lastStep());
        PlanBuffer fe = find(withScratch, ModelBuffers.FRONT_END_SCRATCH);
        assertEquals(0, fe.lastStep());
    }

    @Test
    void anInPlaceOpSharesItsInputsBuffer() {
        Int8Model m = RandomModels.singleOp(io.pqkmcu.model.OpKind.DEPTHWISE_CONV_2D, 8, 0.5);
        int in = m.inputId();
        int out = m.outputId();
        List<PlanBuffer> buffers = ModelBuffers.of(m, new int[] {64}, 0, java.util.Map.of(out, in));
        assertEquals(2, buffers.size(), "one shared tensor buffer and the scratch: " + buffers);
        PlanBuffer shared = find(buffers, ModelBuffers.tensorKey(m.input()));
        assertEquals(List.of(ModelBuffers.tensorKey(m.input()), ModelBuffers.tensorKey(m.output())), shared.members());
        assertEquals(Math.max(m.input().size(), m.output().size()), shared.size());
        assertEquals(0, shared.firstStep());
        assertEquals(1, shared.lastStep());
        MemoryPlan plan = MemoryPlanner.plan(buffers);
        assertEquals(plan.offsetOf(ModelBuffers.tensorKey(m.input())), plan.offsetOf(ModelBuffers.tensorKey(m.output())));
        assertTrue(plan.describe().contains("(computed in place)"), plan.describe());
    }

    private static PlanBuffer find(List<PlanBuffer> buffers, String name) {
        return buffers.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }
}
