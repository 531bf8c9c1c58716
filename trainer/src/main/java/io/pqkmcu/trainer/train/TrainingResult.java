package io.pqkmcu.trainer.train;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.pqk.HistoryPoint;

import java.util.List;

/**
 * What a training run produced.
 *
 * @param model                the exported int8 student
 * @param test                 the test split's int8 features (for int8 and device evaluation)
 * @param studentTestAccuracy  the student in float (with fake quantization when trained with QAT)
 * @param teacherTestAccuracy  the teacher (all weights, float), NaN without distillation
 * @param int8TestAccuracy     the exported model in the Java int8 interpreter
 * @param int8ValidationAccuracy the same on the validation split (what hyperparameters are chosen on)
 * @param seconds              wall time of training (feature extraction excluded)
 */
public record TrainingResult(Int8Model model, FeatureSet test, double studentTestAccuracy, double teacherTestAccuracy,
                             double int8TestAccuracy, double int8ValidationAccuracy, List<HistoryPoint> history,
                             double seconds) {}
