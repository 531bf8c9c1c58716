package io.pqkmcu.cli;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.tflite.TfliteExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pqk export}: a pqk model as an int8 .tflite file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a pqk model (.pqkm) as a fully int8-quantized TensorFlow Lite model (.tflite); pruned "
                + "layers are stored dense. pqk import of the result gives the same int8 graph back.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL.pqkm", description = "pqk model file")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "MODEL.tflite", description = ".tflite file to write")
    Path out;

    @Override
    public Integer call() {
        Int8Model m = ModelFile.read(model);
        byte[] file = TfliteExporter.toBytes(m);
        io.pqkmcu.model.util.AtomicFiles.write(out, file);
        System.out.printf("%s: %d int8 layers, %d bytes%n", out, m.ops().size(), file.length);
        return 0;
    }
}
