package io.pqkmcu.trainer.quant;

/**
 * Scale granularity of symmetric int8 weights. The int8 contract carries one scale per output channel;
 * {@code PER_TENSOR} gives every channel of a layer the same scale (the largest), as older TFLite
 * converters and some MCU runtimes do — it costs accuracy, and exists to measure how much.
 */
public enum WeightGranularity { PER_CHANNEL, PER_TENSOR }
