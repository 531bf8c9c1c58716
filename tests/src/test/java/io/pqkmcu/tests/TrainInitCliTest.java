package io.pqkmcu.tests;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.tflite.SharedOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.pqkmcu.tests.CliRobustnessTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pqk train --init MODEL.tflite}: start PQK from a .tflite model's weights, or say why it cannot. */
class TrainInitCliTest {
    @TempDir
    Path tmp;

    private static CliRun train(Path data, Path model, String arch, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--task", "all", "--arch", arch,
                "--phase1-steps", "4", "--phase2-steps", "2", "--batch", "8", "--threads", "1", "--out",
                model.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theMlperfHybridKwsModelStartsADsCnnOnANewTask() throws IOException {
        Path data = CliRobustnessTest.tinyKws(tmp.resolve("d"), true, "alpha", "bravo", "charlie");
        Path model = tmp.resolve("m.pqkm");
        Path init = SharedOracle.model("kws_ref_model_float32");
        CliRun r = train(data, model, "ds-cnn", "--init", init.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("initialised from " + init + ": 9 layers loaded, fc starts from random weights (new "
                + "classifier); activation ranges observed in training"), r.out());
        assertTrue(r.out().contains("validation accuracy before training (float): "), r.out());
        Int8Model m = ModelFile.read(model);
        assertEquals("kws_ref_model_float32.tflite", m.metadata().get("train.init"));
        assertEquals(64, m.metadata().get("train.init_sha256").length());
    }

    @Test
    void modelsThatDoNotFitAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path data = CliRobustnessTest.tinyKws(tmp.resolve("d"), true, "alpha", "bravo", "charlie");
        Path model = tmp.resolve("m.pqkm");
        Path kws = SharedOracle.model("kws_ref_model");
        assertFails(train(data, model, "ds-cnn-tiny", "--init", kws.toString()), "not a ds-cnn-tiny network");
        assertFails(train(data, model, "ds-cnn", "--init", kws.toString(), "--features", "LOG_MEL"),
                "the model's input is 49x10x1 but the data's features are 49x40x1");
        Path cut = tmp.resolve("cut.tflite");
        byte[] bytes = Files.readAllBytes(kws);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        CliRun truncated = train(data, model, "ds-cnn", "--init", cut.toString());
        assertEquals(1, truncated.exitCode(), truncated.out() + truncated.err());
        assertTrue(truncated.err().contains(cut.toString()), truncated.err());
        assertFalse(truncated.err().contains("\tat "), truncated.err());
        assertFails(train(data, model, "ds-cnn", "--init", tmp.resolve("none.tflite").toString()), "model file not found");
        assertFails(train(data, model, "ds-cnn", "--new-head"), "--new-head replaces the classifier");
        assertFails(train(data, model, "ds-cnn", "--init", kws.toString(), "--init-labels",
                "down,go,left,no,off,on,right,stop,up,yes,silence,unknown"), "none of the model's classes");
        assertFalse(Files.exists(model), "nothing written");
    }
}
