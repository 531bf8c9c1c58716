package io.pqkmcu.model;

import io.pqkmcu.model.frontend.FrontEndConfig;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A trained, quantized network: the int8 graph the interpreter runs and the code generator compiles.
 *
 * @param name       model name, used in generated symbols and reports
 * @param labels     class labels in output order
 * @param frontEnd   the audio front end that produces the input, or null when the input is given directly
 *                   (images, or features computed elsewhere)
 * @param tensors    activation tensors, indexed by id
 * @param ops        operations in execution order
 * @param inputId    id of the graph input tensor
 * @param outputId   id of the graph output (logits) tensor
 * @param metadata   provenance: architecture, sparsity, training settings (sorted for deterministic output)
 */
public record Int8Model(String name, List<String> labels, FrontEndConfig frontEnd, List<TensorSpec> tensors,
                        List<Op> ops, int inputId, int outputId, SortedMap<String, String> metadata) {

    public Int8Model {
        labels = List.copyOf(labels);
        tensors = List.copyOf(tensors);
        ops = List.copyOf(ops);
        metadata = new TreeMap<>(metadata);
        GraphValidator.validate(name, labels, frontEnd, tensors, ops, inputId, outputId);
    }

    public TensorSpec tensor(int id) {
        return tensors.get(id);
    }

    public TensorSpec input() {
        return tensors.get(inputId);
    }

    public TensorSpec output() {
        return tensors.get(outputId);
    }

    /** Total weights across all layers. */
    /**
     * The fraction of kernel weights PQK pruned, from the stored masks (a kept weight that rounds to 0
     * still counts as kept; {@link QuantizedWeights#sparsity()} counts zeros instead).
     */
    public double prunedFraction() {
        long total = 0;
        long pruned = 0;
        for (Op op : ops) {
            if (op.weights() != null) {
                total += op.weights().mask().length;
                pruned += op.weights().prunedCount();
            }
        }
        return total == 0 ? 0 : (double) pruned / total;
    }

    public long parameterCount() {
        long n = 0;
        for (Op op : ops) {
            if (op.weights() != null) {
                n += op.weights().data().length + op.weights().bias().length;
            }
        }
        return n;
    }
}
