package io.pqkmcu.codegen.project;

import java.util.List;

/**
 * What the weight templates print for one layer: either the dense int8 array or the PQKS1 stream and
 * its constants, then the per-channel quantization structs. Lines are pre-formatted C literals.
 *
 * @param layout     the weights' layout, e.g. "[C_OUT=8, KH=3, KW=3, C_IN=4]"
 * @param rowsLayout the sparse row view, e.g. "[C_OUT=8][KH*KW*C_IN=36]"
 * @param quantLines one "{bias, multiplier, shift}," line per output channel
 * @param cmsis      the layer calls CMSIS-NN: its bias, multipliers and shifts are three int32 arrays
 *                   named prefix + _bias/_multiplier/_shift instead
 */
public record WeightsView(String name, boolean sparse, String layout, String rowsLayout,
                          String denseSym, int denseLength, List<String> denseLines,
                          String tableSym, String streamSym, int streamBytes, int streamArrayLength, List<String> streamLines,
                          int entries, int nonZeros, int rows, int cols, int maxRowNonZeros,
                          int gapBits, int valueBits, int valueBase, String bytesPerNonZero,
                          int channels, String quantSym, List<String> quantLines, int outputZeroPoint,
                          boolean cmsis, String prefix, List<String> biasLines, List<String> multiplierLines,
                          List<String> shiftLines) {}
