package io.pqkmcu.trainer.pqk;

import io.pqkmcu.model.util.Progress;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Losses;
import io.pqkmcu.trainer.nn.NamedArray;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Param;
import io.pqkmcu.trainer.nn.Pass;
import io.pqkmcu.trainer.optim.Adam;
import io.pqkmcu.trainer.optim.Optimizer;
import io.pqkmcu.trainer.optim.Sgd;
import io.pqkmcu.trainer.tensor.Tensor;
import io.pqkmcu.trainer.util.Permutation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains a network with PQK.
 *
 * <p>Phase 1 trains the student — forward weights Q(M ⊙ W), BN folded before Q — while the masks M
 * follow the cubic gradual-pruning schedule; pruned weights stay in W. Phase 2 adds the teacher: the
 * same network with all of W (important and unimportant weights) and its own BatchNorm statistics.
 * Both branches run on every batch and train together under
 * CE(y, student) + CE(y, teacher) + λ·T²·KL(softmax(t/T) ‖ softmax(s/T)); important weights get
 * gradients from both branches, unimportant ones only from the teacher. The student is what ships.
 *
 * <p>Every step's randomness derives from (seed, step), and all state is checkpointed, so a resumed
 * run reproduces the uninterrupted one exactly.
 */
public final class PqkTrainer {
    private final Network net;
    private final PqkConfig cfg;
    private final TrainingSource train;
    private final FeatureSet validation;
    private final Path checkpointPath;
    private final Optimizer optimizer;
    private final PruningSchedule schedule;
    private final List<ConvUnit> prunable = new ArrayList<>();
    private final List<HistoryPoint> history = new ArrayList<>();
    private final int stepsPerEpoch;
    private int step;
    private int[] order;
    private int orderEpoch = -1;
    private double runningLoss = Double.NaN;
    private double runningAcc = Double.NaN;
    private String dataSettings = "";

    public PqkTrainer(Network net, PqkConfig cfg, TrainingSource train, FeatureSet validation, Path checkpointPath) {
        this.net = net;
        this.cfg = cfg.validate();
        this.train = train;
        this.validation = validation;
        this.checkpointPath = checkpointPath;
        if (train.size() < cfg.batchSize) {
            throw new IllegalArgumentException("the training split has " + train.size()
                    + " examples, fewer than one batch of " + cfg.batchSize);
        }
        if (train.height() != net.inputHeight() || train.width() != net.inputWidth()
                || train.channels() != net.inputChannels()) {
            throw new IllegalArgumentException("features are " + train.height() + "x" + train.width() + "x"
                    + train.channels() + " but " + net.architecture() + " expects " + net.inputHeight() + "x"
                    + net.inputWidth() + "x" + net.inputChannels());
        }
        if (train.classNames().size() != net.classes()) {
            throw new IllegalArgumentException("the data has " + train.classNames().size() + " classes, the network "
                    + net.classes());
        }
        for (ConvUnit u : net.units()) {
            boolean depthwise = u.kind() == ConvUnit.Kind.DEPTHWISE;
            if (u.prunable() && !cfg.excludedLayers.contains(u.name()) && (cfg.pruneDepthwise || !depthwise)) {
                prunable.add(u);
            }
        }
        for (String ex : cfg.excludedLayers) {
            if (net.units().stream().noneMatch(u -> u.name().equals(ex))) {
                throw new IllegalArgumentException("excluded layer '" + ex + "' does not exist; layers: "
                        + net.units().stream().map(ConvUnit::name).toList());
            }
        }
        this.optimizer = cfg.optimizer == PqkConfig.OptimizerKind.SGD
                ? new Sgd(net.params(), cfg.momentum, cfg.nesterov, cfg.weightDecay)
                : new Adam(net.params(), cfg.weightDecay);
        net.quantControl().configure(cfg.observer, cfg.observerMomentum, cfg.ste, cfg.weightGranularity);
        this.schedule = PruningSchedule.of(cfg);
        this.stepsPerEpoch = train.size() / cfg.batchSize;
    }

    /**
     * The settings of the data (see {@code TrainingData.settings()}), checked on resume with the configuration's
     * fingerprint: a checkpoint continues only on the data that made it.
     */
    public void setDataSettings(String settings) {
        this.dataSettings = settings;
    }

    /** The configuration's fingerprint and the data settings: what a checkpoint must match. */
    private String settings() {
        return withData(cfg.fingerprint());
    }

    /**
     * What a checkpoint taken in phase 1 (up to and including its last step) records and must match: the
     * phase-1 settings and the data. Nothing else has been read by then, so such a checkpoint continues under any
     * phase-2 settings; {@code pqk ablate} starts pruning + QAT and PQK from one shared phase 1 this way.
     */
    private String phase1Settings() {
        return withData(cfg.phase1Fingerprint());
    }

    private String withData(String fingerprint) {
        return dataSettings.isEmpty() ? fingerprint : fingerprint + ";" + dataSettings;
    }

    /** The settings a checkpoint taken at {@code atStep} records. */
    private String settingsAt(int atStep) {
        return atStep <= cfg.phase1Steps ? phase1Settings() : settings();
    }

    public int step() {
        return step;
    }

    public List<HistoryPoint> history() {
        return List.copyOf(history);
    }

    /** Branch of the student in a phase (1 or 2), at the current step. */
    public Branch studentBranch(int phase) {
        boolean frozen = phase == 2 ? cfg.freezeStudentBatchNorm
                : cfg.freezeBatchNormAt < 1 && step >= Math.round(cfg.freezeBatchNormAt * cfg.phase1Steps);
        return new Branch(true, cfg.quantize, cfg.quantize, Branch.STUDENT_SLOT, frozen);
    }

    public Branch teacherBranch() {
        return Branch.teacher(cfg.teacherPrecision == PqkConfig.TeacherPrecision.INT8,
                cfg.teacherBatchNorm == PqkConfig.TeacherBatchNorm.SHARED ? Branch.STUDENT_SLOT : Branch.TEACHER_SLOT);
    }

    /**
     * Restores a checkpoint written by a run with the same settings and data; for a checkpoint taken in phase 1,
     * the same phase-1 settings suffice.
     */
    public void resume(Checkpoint ck) {
        // a phase-1 checkpoint written before phase-1 checkpoints recorded only the phase-1 settings carries all of them
        if (!ck.fingerprint.equals(settingsAt(ck.step)) && !ck.fingerprint.equals(settings())) {
            throw new IllegalArgumentException("the checkpoint was made with different settings (" + differences(
                    ck.fingerprint, settingsAt(ck.step)) + "); resume with the same options and data, or start afresh");
        }
        if (!ck.architecture.equals(net.architecture())) {
            throw new IllegalArgumentException("the checkpoint is for " + ck.architecture + ", not " + net.architecture());
        }
        ck.restoreInto(allState());
        float[] exact = ck.arrays.get(Checkpoint.EXTRA_PREFIX + "history.exact");
        float[] h = ck.arrays.get(Checkpoint.EXTRA_PREFIX + "history");
        history.clear();
        if (exact != null) {
            double[] v = unpackDoubles(exact);
            for (int i = 0; i + 6 < v.length; i += 7) {
                history.add(new HistoryPoint((int) v[i], (int) v[i + 1], v[i + 2], v[i + 3], v[i + 4], v[i + 5], v[i + 6]));
            }
        } else if (h != null) {
            for (int i = 0; i + 6 < h.length; i += 7) {
                history.add(new HistoryPoint((int) h[i], (int) h[i + 1], h[i + 2], h[i + 3], h[i + 4], h[i + 5], h[i + 6]));
            }
        }
        float[] running = ck.arrays.get(Checkpoint.EXTRA_PREFIX + "running");
        if (running != null) {
            double[] v = unpackDoubles(running);
            runningLoss = v[0];
            runningAcc = v[1];
        }
        step = ck.step;
        if (step > 0) {
            // the state the last step ran with, as the checkpoint's writer had it: a run resumed at its end runs no
            // step that would set it, and its student must evaluate as the finished run's did
            net.quantControl().setActivationsActive(activationsQuantizedAt(step - 1));
        }
    }

    /**
     * Doubles as floats that each carry 16 of their bits (integers 0..65535 are exact in a float), so values the
     * checkpoint keeps only for display and history come back bit for bit and a resumed run's history.csv and
     * final checkpoint equal the uninterrupted run's.
     */
    static float[] packDoubles(double... values) {
        float[] out = new float[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            for (int k = 0; k < 4; k++) {
                out[4 * i + k] = (float) ((bits >>> (16 * k)) & 0xFFFF);
            }
        }
        return out;
    }

    static double[] unpackDoubles(float[] packed) {
        double[] out = new double[packed.length / 4];
        for (int i = 0; i < out.length; i++) {
            long bits = 0;
            for (int k = 0; k < 4; k++) {
                bits |= ((long) packed[4 * i + k] & 0xFFFF) << (16 * k);
            }
            out[i] = Double.longBitsToDouble(bits);
        }
        return out;
    }

    /** The ';'-separated entries of two settings strings that differ, as "checkpoint X, now Y". */
    static String differences(String saved, String now) {
        List<String> a = List.of(saved.split(";"));
        List<String> b = List.of(now.split(";"));
        List<String> out = new ArrayList<>();
        for (String e : a) {
            if (!b.contains(e)) {
                String key = e.contains("=") ? e.substring(0, e.indexOf('=') + 1) : "";
                String other = key.isEmpty() ? null : b.stream().filter(x -> x.startsWith(key)).findFirst().orElse(null);
                out.add("checkpoint " + e + ", now " + (other == null ? "absent" : other));
            }
        }
        for (String e : b) {
            String key = e.contains("=") ? e.substring(0, e.indexOf('=') + 1) : "";
            if (!a.contains(e) && (key.isEmpty() || a.stream().noneMatch(x -> x.startsWith(key)))) {
                out.add("checkpoint absent, now " + e);
            }
        }
        return out.isEmpty() ? "their order differs" : String.join("; ", out);
    }

    private List<NamedArray> allState() {
        List<NamedArray> s = new ArrayList<>();
        for (Param p : net.params()) {
            s.add(new NamedArray(p.name, p.value));
        }
        s.addAll(net.state());
        s.addAll(optimizer.state());
        return s;
    }

    private void saveCheckpoint() {
        if (checkpointPath == null) {
            return;
        }
        List<NamedArray> state = allState();
        float[] h = new float[history.size() * 7];
        for (int i = 0; i < history.size(); i++) {
            HistoryPoint p = history.get(i);
            float[] v = {p.step(), p.phase(), (float) p.trainLoss(), (float) p.trainAccuracy(), (float) p.sparsity(),
                (float) p.studentValAccuracy(), (float) p.teacherValAccuracy()};
            System.arraycopy(v, 0, h, i * 7, 7);
        }
        state.add(new NamedArray(Checkpoint.EXTRA_PREFIX + "history", h));
        double[] exact = new double[history.size() * 7];
        for (int i = 0; i < history.size(); i++) {
            HistoryPoint p = history.get(i);
            double[] v = {p.step(), p.phase(), p.trainLoss(), p.trainAccuracy(), p.sparsity(), p.studentValAccuracy(),
                p.teacherValAccuracy()};
            System.arraycopy(v, 0, exact, i * 7, 7);
        }
        state.add(new NamedArray(Checkpoint.EXTRA_PREFIX + "history.exact", packDoubles(exact)));
        state.add(new NamedArray(Checkpoint.EXTRA_PREFIX + "running", packDoubles(runningLoss, runningAcc)));
        Checkpoint.capture(settingsAt(step), net.architecture(), step, state).write(checkpointPath);
    }

    /** Trains from the current step to the end of the configured schedule. */
    public void train() {
        trainUntil(cfg.totalSteps());
    }

    /**
     * Trains up to (not beyond) step {@code limit} of the schedule and checkpoints there, so a long run
     * can be split into sessions; {@link #resume} continues it exactly.
     */
    public void trainUntil(int limit) {
        int total = cfg.totalSteps();
        int stop = Math.min(limit, total);
        Progress progress = new Progress("train", total, step);
        while (step < stop) {
            int phase = step < cfg.phase1Steps ? 1 : 2;
            double loss = phase == 1 || cfg.phase2Mode == PqkConfig.Phase2Mode.FINETUNE ? studentStep(phase) : distillStep();
            step++;
            boolean phaseEnd = step == cfg.phase1Steps || step == total;
            if (step % stepsPerEpoch == 0 || phaseEnd) {
                recordHistory(phase);
            }
            if ((cfg.checkpointEvery > 0 && step % cfg.checkpointEvery == 0) || phaseEnd) {
                saveCheckpoint();
            }
            progress.update(step, status(phase, loss));
        }
        if (stop < total && step == stop) {
            saveCheckpoint();
        }
    }

    private String status(int phase, double loss) {
        HistoryPoint last = history.isEmpty() ? null : history.get(history.size() - 1);
        return String.format(Locale.ROOT, "phase %d loss %.3f acc %4.1f%% sparsity %4.1f%%%s", phase, loss,
                100 * runningAcc, 100 * net.sparsity(),
                last == null ? "" : String.format(Locale.ROOT, " val %4.1f%%", 100 * last.studentValAccuracy()));
    }

    private void recordHistory(int phase) {
        double student = validation == null || validation.size() == 0 ? Double.NaN
                : Evaluator.evaluate(net, validation, studentBranch(phase)).accuracy();
        double teacher = validation == null || validation.size() == 0 || phase == 1 || cfg.phase2Mode != PqkConfig.Phase2Mode.DISTILL ? Double.NaN
                : Evaluator.evaluate(net, validation, teacherBranch()).accuracy();
        history.add(new HistoryPoint(step, phase, runningLoss, runningAcc, net.sparsity(), student, teacher));
    }

    private float learningRate(int phase) {
        return phase == 1 ? cfg.schedule(1).at(step, cfg.phase1Steps)
                : cfg.schedule(2).at(step - cfg.phase1Steps, cfg.phase2Steps);
    }

    /** Indices of the batch for the current step: a fresh seeded permutation each epoch. */
    private int[] batchOrder() {
        int epoch = step / stepsPerEpoch;
        if (epoch != orderEpoch) {
            order = Permutation.shuffled(train.size(), new SplittableRandom(cfg.seed * 1_000_003L + epoch));
            orderEpoch = epoch;
        }
        return order;
    }

    /** The current step's batch: a slice of this epoch's permutation. */
    private TrainingSource.Batch nextBatch() {
        int[] idx = batchOrder();
        int from = (step % stepsPerEpoch) * cfg.batchSize;
        return train.batch(step / stepsPerEpoch, idx, from, from + cfg.batchSize);
    }

    private void prepareStep(int phase) {
        holdPrunedWeights(phase == 1 || cfg.phase2Mode != PqkConfig.Phase2Mode.DISTILL);
        net.quantControl().setActivationsActive(activationsQuantizedAt(step));
        if (phase == 1 && schedule.updatesAt(step)) {
            MaskUpdater.apply(prunable, schedule.sparsityAt(step), cfg.pruneScope, cfg.foldedSaliency, cfg.reviveWeights);
        }
        if (phase == 2 && step == cfg.phase1Steps) {
            for (ConvUnit u : net.units()) {
                u.copyBatchNormSlot(Branch.STUDENT_SLOT, Branch.TEACHER_SLOT);
            }
        }
    }

    /** Whether step {@code s} trains with fake-quantized activations (after a float start that seeds the ranges). */
    private boolean activationsQuantizedAt(int s) {
        return cfg.quantize && (s >= cfg.phase1Steps || s >= Math.round(cfg.activationQuantStart * cfg.phase1Steps));
    }

    /**
     * Pruned weights get no student gradient, but the optimizer would still move them (Adam's stale first
     * moment, weight decay, SGD momentum). While only the student trains they are held exactly; phase 2's
     * teacher, which uses all weights, trains them again.
     */
    private void holdPrunedWeights(boolean hold) {
        for (ConvUnit u : prunable) {
            u.weightParam().updateMask = hold ? u.mask() : null;
        }
    }

    private double studentStep(int phase) {
        prepareStep(phase);
        TrainingSource.Batch batch = nextBatch();
        Tensor x = batch.x();
        int[] y = batch.labels();
        net.zeroGrad();
        Pass pass = new Pass(studentBranch(phase), true, stepSeed());
        Losses.Result r = Losses.crossEntropy(net.forward(x, pass), y);
        checkFinite(r.loss(), phase);
        net.backward(r.grad(), pass);
        optimizer.step(learningRate(phase));
        checkParameters(phase);
        track(r.loss(), (double) r.correct() / y.length);
        return r.loss();
    }

    private double distillStep() {
        prepareStep(2);
        TrainingSource.Batch batch = nextBatch();
        Phase2Loss r = phase2Gradients(batch.x(), batch.labels());
        checkFinite(r.loss(), 2);
        optimizer.step(learningRate(2));
        checkParameters(2);
        track(r.loss(), (double) r.studentCorrect() / batch.labels().length);
        return r.loss();
    }

    /** The phase-2 loss of a batch and how many the student got right. */
    record Phase2Loss(double loss, int studentCorrect) {}

    /**
     * The phase-2 loss of one batch, its gradient left in the parameters' grad (no update):
     * L = a·CE(y, s) + b·CE(y, t) + λ·T²·KL(t ‖ s) (t detached from the KL term unless mutual). Both
     * branches backpropagate into the same W, so dW = M ⊙ dW_student + dW_teacher: kept weights learn
     * from both branches, pruned ones only from the teacher. Phase2GradientTest pins this against finite
     * differences of the loss.
     */
    Phase2Loss phase2Gradients(Tensor x, int[] y) {
        net.zeroGrad();
        Pass teacherPass = new Pass(teacherBranch(), true, stepSeed() ^ 0x5DEECE66DL);
        Tensor teacherLogits = net.forward(x, teacherPass);
        Pass studentPass = new Pass(studentBranch(2), true, stepSeed());
        Tensor studentLogits = net.forward(x, studentPass);
        Losses.Result s = Losses.crossEntropy(studentLogits, y);
        Losses.Result t = Losses.crossEntropy(teacherLogits, y);
        Tensor gs = studentLogits.zerosLike();
        Tensor gt = teacherLogits.zerosLike();
        double kd = Losses.distillation(studentLogits, teacherLogits, cfg.temperature, gs, cfg.detachTeacher ? null : gt);
        double lambda = distillWeightNow();
        double loss = cfg.studentCeWeight * s.loss() + cfg.teacherCeWeight * t.loss() + lambda * kd;
        for (int i = 0; i < gs.data.length; i++) {
            gs.data[i] = (float) (lambda * gs.data[i] + cfg.studentCeWeight * s.grad().data[i]);
            gt.data[i] = (float) (lambda * gt.data[i] + cfg.teacherCeWeight * t.grad().data[i]);
        }
        net.backward(gs, studentPass);
        net.backward(gt, teacherPass);
        return new Phase2Loss(loss, s.correct());
    }

    /**
     * λ of the current step: 0 during the teacher's warm-up (the first {@code teacherWarmup} of phase 2, when
     * the teacher's restored weights are still stale and both branches learn from the labels only), then
     * {@code distillWeight}.
     */
    private double distillWeightNow() {
        int phase2Step = step - cfg.phase1Steps;
        return phase2Step < Math.round(cfg.teacherWarmup * cfg.phase2Steps) ? 0.0 : cfg.distillWeight;
    }

    private long stepSeed() {
        return cfg.seed * 0x9E3779B97F4A7C15L + step;
    }

    private void track(double loss, double acc) {
        runningLoss = Double.isNaN(runningLoss) ? loss : 0.95 * runningLoss + 0.05 * loss;
        runningAcc = Double.isNaN(runningAcc) ? acc : 0.95 * runningAcc + 0.05 * acc;
    }

    private void checkParameters(int phase) {
        for (Param p : net.params()) {
            for (float v : p.value) {
                if (!Float.isFinite(v)) {
                    checkFinite(Double.NaN, phase);
                }
            }
        }
    }

    private void checkFinite(double loss, int phase) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException("the loss became " + loss + " at step " + step + " (phase " + phase
                    + "); training stopped. " + (checkpointPath == null ? "No checkpoint was being kept."
                    : "The last good checkpoint is " + checkpointPath + ".")
                    + " Try a lower learning rate (--lr) or check the input data.");
        }
    }
}
