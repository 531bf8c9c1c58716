package io.pqkmcu.codegen.device;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the test firmware's UART output (format documented in the generated firmware/main.c). */
public final class UartReport {
    private static final Pattern VECTOR = Pattern.compile("^PQK vector (\\d+) label=(-?\\d+) pred=(\\d+) status=(-?\\d+) "
            + "mismatches=(\\d+) frontend_instructions=(\\d+) model_instructions=(\\d+) logits=(-?\\d+(?:,-?\\d+)*)(?: #.*)?$");
    /** Profiling builds: instructions per layer of the vector just reported. */
    private static final Pattern LAYERS = Pattern.compile("^PQK layers (\\d+) (\\d+(?:,\\d+)*)$");
    private static final Pattern RESULT = Pattern.compile("^PQK RESULT (PASS|FAIL) vectors=(\\d+) mismatched=(\\d+).*$");

    private UartReport() {}

    /** The vectors and the firmware's own verdict. */
    public record Parsed(List<VectorResult> vectors, boolean pass) {}

    /**
     * @throws IllegalStateException when the output is incomplete or garbled (a crash, a fault report, a
     *                               timeout), with the output quoted
     */
    public static Parsed parse(String uart) {
        List<VectorResult> vectors = new ArrayList<>();
        Boolean pass = null;
        int announced = -1;
        for (String line : uart.split("\\R")) {
            Matcher v = VECTOR.matcher(line);
            if (v.matches()) {
                String[] parts = v.group(8).split(",");
                byte[] logits = new byte[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    logits[i] = (byte) Integer.parseInt(parts[i]);
                }
                vectors.add(new VectorResult(Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)),
                        Integer.parseInt(v.group(3)), Integer.parseInt(v.group(4)), Integer.parseInt(v.group(5)),
                        Long.parseLong(v.group(6)), Long.parseLong(v.group(7)), logits));
                continue;
            }
            Matcher l = LAYERS.matcher(line);
            if (l.matches()) {
                int index = Integer.parseInt(l.group(1));
                int last = vectors.size() - 1;
                if (last < 0 || vectors.get(last).index() != index) {
                    throw new IllegalStateException("per-layer counts for vector " + index + " do not follow its result "
                            + "line; UART output was:\n" + tail(uart));
                }
                String[] parts = l.group(2).split(",");
                long[] layers = new long[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    layers[i] = Long.parseLong(parts[i]);
                }
                vectors.set(last, vectors.get(last).withLayers(layers));
                continue;
            }
            Matcher r = RESULT.matcher(line);
            if (r.matches()) {
                pass = r.group(1).equals("PASS");
                announced = Integer.parseInt(r.group(2));
            }
        }
        if (pass == null) {
            throw new IllegalStateException("the firmware did not finish its report; UART output was:\n" + tail(uart));
        }
        if (announced != vectors.size()) {
            throw new IllegalStateException("the firmware reported " + announced + " vectors but printed " + vectors.size()
                    + " result lines; UART output was:\n" + tail(uart));
        }
        return new Parsed(vectors, pass);
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
