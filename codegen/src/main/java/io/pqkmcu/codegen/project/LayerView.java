package io.pqkmcu.codegen.project;

import java.util.List;

/**
 * What the op templates print for one layer: names, the kernel, shapes, parameters, arena offsets and
 * the weight symbols. All values are computed by {@link LayerViews}; templates only lay them out.
 *
 * @param family       which op template renders it: "conv" (convolutions, dense or sparse), "fc", "pool",
 *                     "add" or "softmax"
 * @param summary      one-line description for the comment above its parameters
 * @param hasContext   the kernel takes a pqk_context (scratch), even an empty one
 * @param inPlace      the output shares the input's buffer (the comment says so)
 * @param filter       filter dims (conv/fc/depthwise) or pool dims {1, FH, FW, 1}
 * @param weights      the C expression of the weights: the dense array, or the address of the sparse table
 * @param quant        the per-channel quantization array symbol ("" for ops without weights)
 * @param paramLines   initializer lines of the add/softmax parameter struct
 * @param input2Arena  the second input's offset (add)
 * @param rows         softmax rows (pixels)
 * @param rowSize      softmax row length (channels); for add: the element count
 */
public record LayerView(int index, String name, String sym, String kernel, String family, boolean sparse,
                        boolean hasContext, boolean inPlace, String summary, DimsView in, DimsView out, DimsView filter,
                        int inputOffset, int outputOffset, int strideH, int strideW, int padH, int padW, int dilationH,
                        int dilationW, int actMin, int actMax, int inputArena, int input2Arena, int outputArena,
                        int scratchArena, int scratchBytes, String weights, String quant, List<String> paramLines,
                        int rows, int rowSize) {}
