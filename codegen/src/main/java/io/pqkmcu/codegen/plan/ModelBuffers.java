package io.pqkmcu.codegen.plan;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.TensorSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Liveness of a model's buffers in planner steps. Step 0 is "the input is ready" (the front end runs
 * there when the model has one); op i runs at step i + 1. A tensor lives from the step that produces
 * it to its last reader; the graph input from step 0, the graph output to the last step; an op's
 * scratch only at the op's step; the front end's scratch only at step 0.
 *
 * <p>An op that runs in place writes its output over an input that it is the last reader of: the two
 * tensors become one buffer, as large as the larger, alive from the input's first step to the output's
 * last. Chains of in-place ops (depthwise, pointwise, depthwise, ...) share one buffer.
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
     * Step of the last op that reads each tensor (0 for tensors only the front end or nobody reads; the
     * graph output counts as read at the last step).
     */
    public static int[] lastReaders(Int8Model model) {
        int[] last = new int[model.tensors().size()];
        for (int i = 0; i < model.ops().size(); i++) {
            for (int in : model.ops().get(i).inputs()) {
                last[in] = Math.max(last[in], i + 1);
            }
        }
        last[model.outputId()] = Math.max(last[model.outputId()], model.ops().size());
        return last;
    }

    /** {@link #of(Int8Model, int[], int, Map)} without in-place ops. */
    public static List<PlanBuffer> of(Int8Model model, int[] scratchBytes, int frontEndScratch) {
        return of(model, scratchBytes, frontEndScratch, Map.of());
    }

    /**
     * @param scratchBytes    scratch per op (index = op index), 0 when the op needs none
     * @param frontEndScratch bytes of front-end scratch, 0 without a front end
     * @param inPlace         output tensor id → the input tensor id it shares memory with
     */
    public static List<PlanBuffer> of(Int8Model model, int[] scratchBytes, int frontEndScratch,
                                      Map<Integer, Integer> inPlace) {
        int n = model.ops().size();
        int tensors = model.tensors().size();
        int[] first = new int[tensors];
        int[] last = lastReaders(model);
        boolean[] used = new boolean[tensors];
        first[model.inputId()] = 0;
        used[model.inputId()] = true;
        for (int i = 0; i < n; i++) {
            Op op = model.ops().get(i);
            first[op.output()] = i + 1;
            last[op.output()] = Math.max(last[op.output()], i + 1);
            used[op.output()] = true;
        }
        // union of in-place pairs: every tensor points at the root of its shared buffer
        int[] root = new int[tensors];
        for (int t = 0; t < tensors; t++) {
            root[t] = t;
        }
        for (int i = 0; i < n; i++) {
            Integer shared = inPlace.get(model.ops().get(i).output());
            if (shared != null) {
                root[model.ops().get(i).output()] = find(root, shared);
            }
        }
        List<PlanBuffer> buffers = new ArrayList<>();
        if (frontEndScratch > 0) {
            buffers.add(new PlanBuffer(FRONT_END_SCRATCH, frontEndScratch, 0, 0));
        }
        for (TensorSpec t : model.tensors()) {
            if (!used[t.id()] || find(root, t.id()) != t.id()) {
                continue;
            }
            List<String> members = new ArrayList<>();
            int size = 0;
            int from = Integer.MAX_VALUE;
            int to = 0;
            for (TensorSpec m : model.tensors()) {
                if (used[m.id()] && find(root, m.id()) == t.id()) {
                    members.add(tensorKey(m));
                    size = Math.max(size, m.size());
                    from = Math.min(from, first[m.id()]);
                    to = Math.max(to, last[m.id()]);
                }
            }
            buffers.add(new PlanBuffer(tensorKey(t), size, from, to, members));
        }
        for (int i = 0; i < n; i++) {
            if (scratchBytes[i] > 0) {
                buffers.add(new PlanBuffer(scratchKey(i, model.ops().get(i)), scratchBytes[i], i + 1, i + 1));
            }
        }
        return buffers;
    }

    private static int find(int[] root, int t) {
        while (root[t] != t) {
            t = root[t];
        }
        return t;
    }
}
