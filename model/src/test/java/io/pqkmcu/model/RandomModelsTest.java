package io.pqkmcu.model;

import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomModelsTest {
    @Test
    void sameSeedSameModelDifferentSeedDifferentModel() {
        assertArrayEquals(ModelFile.toBytes(RandomModels.random(5)), ModelFile.toBytes(RandomModels.random(5)));
        assertNotEquals(ModelFile.checksum(RandomModels.random(5)), ModelFile.checksum(RandomModels.random(6)));
    }

    @Test
    void modelsAreValidRunnableAndCoverTheOpSpace() {
        Set<OpKind> kinds = EnumSet.noneOf(OpKind.class);
        boolean dilated = false;
        boolean strided = false;
        boolean padded = false;
        boolean extremeZeroPoint = false;
        double minSparsity = 1;
        double maxSparsity = 0;
        Random rnd = new Random(1);
        for (long seed = 0; seed < 200; seed++) {
            Int8Model m = RandomModels.random(seed);
            // survives a file round trip, i.e. passes the model validator twice
            Int8Model back = ModelFile.fromBytes(ModelFile.toBytes(m));
            byte[] out = new Int8Interpreter(back).run(RandomModels.randomInput(back, rnd));
            assertEquals(m.output().size(), out.length);
            assertTrue(m.output().size() <= 64);
            for (TensorSpec t : m.tensors()) {
                extremeZeroPoint |= t.zeroPoint() == -128 || t.zeroPoint() == 127;
            }
            for (Op op : m.ops()) {
                kinds.add(op.kind());
                if (op instanceof Conv2DOp c) {
                    dilated |= c.dilationH() > 1;
                    strided |= c.strideH() > 1;
                    padded |= c.padding().top() > 0 || c.padding().left() > 0;
                }
                if (op.weights() != null) {
                    minSparsity = Math.min(minSparsity, 1.0 - (double) (op.weights().data().length
                            - op.weights().prunedCount()) / op.weights().data().length);
                    maxSparsity = Math.max(maxSparsity, op.weights().sparsity());
                }
            }
        }
        assertEquals(EnumSet.copyOf(RandomModels.KINDS), kinds);
        assertTrue(dilated && strided && padded && extremeZeroPoint);
        assertTrue(minSparsity < 0.05 && maxSparsity > 0.85, minSparsity + " .. " + maxSparsity);
    }

    @Test
    void singleOpAndFixedInputVariants() {
        for (OpKind kind : RandomModels.KINDS) {
            Int8Model m = RandomModels.singleOp(kind, 3, 0.8);
            // ADD comes as a residual block: the branch it adds back, then the ADD itself
            assertEquals(kind == OpKind.ADD ? 2 : 1, m.ops().size());
            assertEquals(kind, m.ops().get(m.ops().size() - 1).kind());
        }
        FrontEndConfig fe = FrontEndConfig.mfccDefault();
        Int8Model kws = RandomModels.random(4, fe.frames(), fe.featuresPerFrame(), 1, 12, fe);
        assertEquals(fe, kws.frontEnd());
        assertEquals(49 * 10, kws.input().size());
        assertEquals(12, kws.labels().size());
    }
}
