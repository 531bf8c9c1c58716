package io.pqkmcu.cli;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.interp.Int8Interpreter;
import io.pqkmcu.model.tflite.FloatWrapper;
import io.pqkmcu.model.tflite.TfliteImporter;
import io.pqkmcu.model.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pqk run}: the Java int8 interpreter on one raw input tensor. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a model with the Java int8 interpreter on a raw input tensor and write the raw output tensor:"
                + " the tensors' own bytes in the model's layout (NHWC, C order). int8 for int8 models; float32"
                + " little-endian for an imported model with a float32 input/output wrapper.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL.pqkm", description = "pqk model file")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IN.bin", description = "raw input tensor")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.bin", description = "raw output tensor to write")
    Path output;

    @Override
    public Integer call() {
        Int8Model m = ModelFile.read(model);
        byte[] in;
        try {
            in = Files.readAllBytes(input);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("input file not found: " + input);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
        FloatWrapper fin = FloatWrapper.of(m, TfliteImporter.META_FLOAT_INPUT);
        FloatWrapper fout = FloatWrapper.of(m, TfliteImporter.META_FLOAT_OUTPUT);
        int n = m.input().size();
        int expected = fin != null ? 4 * n : n;
        if (in.length != expected) {
            throw new IllegalArgumentException(input + ": " + in.length + " bytes, but model '" + m.name() + "' takes "
                    + m.input().shapeString() + " = " + n + (fin != null ? " float32 values (" + expected + " bytes)"
                    : " int8 values"));
        }
        byte[] out = new Int8Interpreter(m).run(fin != null ? fin.quantize(in) : in);
        AtomicFiles.write(output, fout != null ? fout.dequantize(out) : out);
        System.out.println(output + ": " + m.output().shapeString() + " " + (fout != null ? "float32" : "int8")
                + " output, top class " + Int8Interpreter.argmax(out) + " (" + m.labels().get(Int8Interpreter.argmax(out))
                + ")");
        return 0;
    }
}
