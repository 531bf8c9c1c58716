package io.pqkmcu.trainer.kws;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.pqk.HistoryPoint;

import java.util.List;

/**
 * What a KWS training run produced.
 *
 * @param model                the exported int8 student
 * @param test                 the test split's int8 features (for int8 and device evaluation)
 * @param testEntries          display paths of the test examples, in the same order
 * @param studentTestAccuracy  the student in float with fake quantization (what QAT predicts)
 * @param teacherTestAccuracy  the teacher (all weights, float), NaN without distillation
 * @param int8TestAccuracy     the exported model in the Java int8 interpreter
 */
public record KwsTrainingResult(Int8Model model, FeatureSet test, List<String> testEntries, double studentTestAccuracy,
                                double teacherTestAccuracy, double int8TestAccuracy, List<HistoryPoint> history) {}
