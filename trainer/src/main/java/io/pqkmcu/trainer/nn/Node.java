package io.pqkmcu.trainer.nn;

/**
 * One node of the network graph: a layer and the nodes it reads, by index into the network's node list
 * ({@link Network#INPUT} for the network input). Nodes are in execution order, so every input index is
 * smaller than the node's own.
 *
 * @param height   output height
 * @param width    output width
 * @param channels output channels
 */
public record Node(Layer layer, int[] inputs, int height, int width, int channels) {
    public Node {
        if (inputs.length != layer.arity()) {
            throw new IllegalArgumentException(layer.name() + " takes " + layer.arity() + " inputs, got " + inputs.length);
        }
        inputs = inputs.clone();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    public int input(int k) {
        return inputs[k];
    }
}
