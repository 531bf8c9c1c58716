package io.pqkmcu.trainer.quant;

/**
 * The straight-through estimator of activation fake quantization (weights always pass gradients
 * straight through: their per-channel max-abs scale never clips).
 * <ul>
 *   <li>{@code CLIPPED}: gradient 1 inside the representable range, 0 outside (the derivative of the
 *       clamp; TensorFlow and PyTorch fake-quant both do this);</li>
 *   <li>{@code IDENTITY}: gradient 1 everywhere (Bengio et al.'s plain STE).</li>
 * </ul>
 */
public enum SteMode { CLIPPED, IDENTITY }
