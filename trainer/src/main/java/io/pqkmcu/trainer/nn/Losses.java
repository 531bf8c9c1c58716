package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;

/** Classification losses on logits [n, classes], each returning the batch-mean loss and its gradient. */
public final class Losses {
    private Losses() {}

    /** Loss value, dLoss/dLogits and the number of correct argmax predictions. */
    public record Result(double loss, Tensor grad, int correct) {}

    static double[] softmax(float[] logits, int offset, int classes, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, logits[offset + k] / temperature);
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            p[k] = Math.exp(logits[offset + k] / temperature - max);
            sum += p[k];
        }
        for (int k = 0; k < classes; k++) {
            p[k] /= sum;
        }
        return p;
    }

    public static int argmax(float[] logits, int offset, int classes) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (logits[offset + k] > logits[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Mean softmax cross-entropy against integer labels. */
    public static Result crossEntropy(Tensor logits, int[] labels) {
        int n = logits.n;
        int classes = logits.sampleSize();
        Tensor grad = logits.zerosLike();
        double loss = 0;
        int correct = 0;
        for (int b = 0; b < n; b++) {
            int o = b * classes;
            double[] p = softmax(logits.data, o, classes, 1.0);
            loss -= Math.log(Math.max(p[labels[b]], 1e-30));
            for (int k = 0; k < classes; k++) {
                grad.data[o + k] = (float) ((p[k] - (k == labels[b] ? 1 : 0)) / n);
            }
            if (argmax(logits.data, o, classes) == labels[b]) {
                correct++;
            }
        }
        return new Result(loss / n, grad, correct);
    }

    /**
     * Distillation term T²·KL(softmax(t/T) ‖ softmax(s/T)), batch mean. Returns the gradients with
     * respect to the student logits and (for mutual distillation) the teacher logits.
     */
    public static double distillation(Tensor student, Tensor teacher, double temperature, Tensor gradStudent,
                                      Tensor gradTeacher) {
        int n = student.n;
        int classes = student.sampleSize();
        double loss = 0;
        double t2 = temperature * temperature;
        for (int b = 0; b < n; b++) {
            int o = b * classes;
            double[] ps = softmax(student.data, o, classes, temperature);
            double[] pt = softmax(teacher.data, o, classes, temperature);
            double kl = 0;
            for (int k = 0; k < classes; k++) {
                if (pt[k] > 0) {
                    kl += pt[k] * (Math.log(pt[k]) - Math.log(Math.max(ps[k], 1e-30)));
                }
            }
            loss += t2 * kl;
            // d/ds: T²·(ps − pt)/T ; d/dt: T²·pt·(log pt − log ps − KL)/T.
            for (int k = 0; k < classes; k++) {
                if (gradStudent != null) {
                    gradStudent.data[o + k] += (float) (temperature * (ps[k] - pt[k]) / n);
                }
                if (gradTeacher != null) {
                    double lt = pt[k] > 0 ? Math.log(pt[k]) - Math.log(Math.max(ps[k], 1e-30)) : 0;
                    gradTeacher.data[o + k] += (float) (temperature * pt[k] * (lt - kl) / n);
                }
            }
        }
        return loss / n;
    }
}
