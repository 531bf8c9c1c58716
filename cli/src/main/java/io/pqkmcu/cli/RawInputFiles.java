package io.pqkmcu.cli;

import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.model.Int8Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code pqk generate --inputs}: raw int8 input tensors, exactly the model input's size each, as test vectors. */
final class RawInputFiles {
    private RawInputFiles() {}

    static TestInputs read(List<Path> paths, Int8Model model) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> bins = s.filter(f -> f.getFileName().toString().endsWith(".bin") && Files.isRegularFile(f))
                            .sorted(Comparator.comparing(f -> naturalKey(f.getFileName().toString()))).toList();
                    if (bins.isEmpty()) {
                        throw new IllegalArgumentException("--inputs folder " + p + " has no .bin files");
                    }
                    files.addAll(bins);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("--inputs: file not found: " + p);
            }
        }
        int n = model.input().size();
        List<byte[]> vectors = new ArrayList<>();
        for (Path f : files) {
            byte[] b;
            try {
                b = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
            if (b.length != n) {
                throw new IllegalArgumentException("--inputs " + f + ": " + b.length + " bytes, but model '" + model.name()
                        + "' takes " + model.input().shapeString() + " = " + n + " int8 values");
            }
            vectors.add(b);
        }
        return TestInputs.vectors(vectors);
    }

    /** Digits compare as numbers, so in_2.bin comes before in_10.bin. */
    private static String naturalKey(String name) {
        StringBuilder k = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+|\\D+").matcher(name);
        while (m.find()) {
            String g = m.group();
            k.append(Character.isDigit(g.charAt(0)) ? String.format("%020d", new java.math.BigInteger(g)) : g);
        }
        return k.toString();
    }
}
