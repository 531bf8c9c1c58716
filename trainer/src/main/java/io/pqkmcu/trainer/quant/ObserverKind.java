package io.pqkmcu.trainer.quant;

/**
 * How an activation observer turns batch ranges into the int8 range.
 * <ul>
 *   <li>{@code EMA}: exponential moving average of batch minima and maxima (TensorFlow's QAT default,
 *       PyTorch's MovingAverageMinMaxObserver), robust to a few outlier batches;</li>
 *   <li>{@code MINMAX}: the running extremes over all batches seen (PyTorch's MinMaxObserver, and what
 *       post-training calibration uses), never clips anything it has seen.</li>
 * </ul>
 */
public enum ObserverKind { EMA, MINMAX }
