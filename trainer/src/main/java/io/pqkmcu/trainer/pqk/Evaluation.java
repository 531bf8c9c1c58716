package io.pqkmcu.trainer.pqk;

/** Accuracy of a branch on a split, with per-example predictions (for reports and confusion matrices). */
public record Evaluation(int correct, int total, int[] predictions) {
    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }
}
