package io.pqkmcu.trainer.pqk;

/** One evaluation during training: the curves a report plots. */
public record HistoryPoint(int step, int phase, double trainLoss, double trainAccuracy, double sparsity,
                           double studentValAccuracy, double teacherValAccuracy) {}
