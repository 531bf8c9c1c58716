package io.pqkmcu.cli;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.tflite.TfliteImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pqk import}: a fully int8-quantized .tflite model into pqk's model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a fully int8-quantized TensorFlow Lite model (.tflite) as a pqk model (.pqkm), with the"
                + " requantization TFLite Micro computes, so that pqk run, the host C and the firmware give TFLM's bytes.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL.tflite", description = "the .tflite model")
    Path tflite;

    @Option(names = "--out", required = true, paramLabel = "MODEL.pqkm", description = "pqk model file to write")
    Path out;

    @Option(names = "--name", description = "model name (default: the file name without .tflite)")
    String name;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "class labels in output order (default: class_0, class_1, ...)")
    List<String> labels;

    @Override
    public Integer call() {
        String n = name != null ? name : tflite.getFileName().toString().replaceAll("\\.tflite$", "");
        Int8Model m = TfliteImporter.read(tflite, n, labels);
        ModelFile.write(m, out);
        System.out.printf("%s: %d operators -> %d int8 layers, input %s (scale %s, zero point %d), output %s; "
                        + "%d parameters%n", out, Integer.parseInt(m.metadata().get("tflite.operators")), m.ops().size(),
                m.input().shapeString(), (float) m.input().scale(), m.input().zeroPoint(), m.output().shapeString(),
                m.parameterCount());
        return 0;
    }
}
