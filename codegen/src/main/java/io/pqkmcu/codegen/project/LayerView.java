package io.pqkmcu.codegen.project;

/**
 * What the op templates print for one layer: names, the kernel, shapes, parameters, arena offsets and
 * the weight symbols. All values are computed by {@link ProjectGenerator}; templates only lay them out.
 *
 * @param template    which op template renders it: "conv" (conv and depthwise), "fc" or "avgpool"
 * @param summary     one-line description for the comment above its parameters
 * @param filter      filter dims (conv/fc/depthwise) or pool dims {1, FH, FW, 1}
 * @param weights     the dense array or sparse table symbol
 */
public record LayerView(int index, String name, String sym, String kernel, boolean sparse, String template, String summary,
                        DimsView in, DimsView out, DimsView filter, int inputOffset, int outputOffset,
                        int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int actMin, int actMax,
                        int inputArena, int outputArena, int scratchArena, int scratchBytes,
                        String weights, String bias, String multiplier, String shift) {}
