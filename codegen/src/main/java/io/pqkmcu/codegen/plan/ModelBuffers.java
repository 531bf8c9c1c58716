package io.pqkmcu.codegen.plan;

import io.pqkmcu.trainer.model.Int8Model;
import io.pqkmcu.trainer.model.Op;
import io.pqkmcu.trainer.model.TensorSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Liveness of a model's buffers in planner steps. Step 0 is "the input is ready" (the front end runs
 * there when the model has one); op i runs at step i + 1. A tensor lives from the step that produces
 * it to its last reader; the graph input from step 0, the graph output to the last step; an op's
 * scratch only at the op's step; the front end's scratch only at step 0.
 */
public final class ModelBuffers {
    private ModelBuffers() {}

    public static String tensorKey(TensorSpec t) {
        return "tensor#" + t.id() + " " + t.name();
    }

    public static String scratchKey(int opIndex, Op op) {
        return "scratch#" + opIndex + " " + op.name();
    }

    public static final String FRONT_END_SCRATCH = "frontend scratch";

    /**
     * @param scratchBytes    scratch per op (index = op index), 0 when the op needs none
     * @param frontEndScratch bytes of front-end scratch, 0 without a front end
     */
    public static List<PlanBuffer> of(Int8Model model, int[] scratchBytes, int frontEndScratch) {
        int n = model.ops().size();
        int tensors = model.tensors().size();
        int[] first = new int[tensors];
        int[] last = new int[tensors];
        boolean[] used = new boolean[tensors];
        first[model.inputId()] = 0;
        last[model.inputId()] = 0;
        used[model.inputId()] = true;
        for (int i = 0; i < n; i++) {
            Op op = model.ops().get(i);
            for (int in : op.inputs()) {
                last[in] = Math.max(last[in], i + 1);
            }
            first[op.output()] = i + 1;
            last[op.output()] = i + 1;
            used[op.output()] = true;
        }
        last[model.outputId()] = n;
        List<PlanBuffer> buffers = new ArrayList<>();
        if (frontEndScratch > 0) {
            buffers.add(new PlanBuffer(FRONT_END_SCRATCH, frontEndScratch, 0, 0));
        }
        for (TensorSpec t : model.tensors()) {
            if (used[t.id()]) {
                buffers.add(new PlanBuffer(tensorKey(t), t.size(), first[t.id()], last[t.id()]));
            }
        }
        for (int i = 0; i < n; i++) {
            if (scratchBytes[i] > 0) {
                buffers.add(new PlanBuffer(scratchKey(i, model.ops().get(i)), scratchBytes[i], i + 1, i + 1));
            }
        }
        return buffers;
    }
}
