package io.pqkmcu.codegen.frontend;

import io.pqkmcu.trainer.Version;
import io.pqkmcu.trainer.frontend.FeatureQuantization;
import io.pqkmcu.trainer.frontend.FrontEndConfig;
import io.pqkmcu.trainer.frontend.FrontEndTables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The integer front end's files in a generated project: the static runtime ({@code pqk_frontend.h},
 * {@code pqk_frontend.c}) and the tables rendered for the model's front-end settings and input quantization.
 */
public final class FrontEndFiles implements FrontEndProvider {
    private static final String RUNTIME = "/io/pqkmcu/runtime/c/";
    private final FrontEndSourceGenerator generator = new FrontEndSourceGenerator(Version.VERSION);

    @Override
    public SortedMap<String, String> files(FrontEndConfig config, double inputScale, int inputZeroPoint, String configSymbol,
                                           String sourceName) {
        FrontEndSources s = generator.generate(config, new FeatureQuantization(inputScale, inputZeroPoint), configSymbol,
                sourceName);
        SortedMap<String, String> files = new TreeMap<>();
        files.put("include/pqk_frontend.h", resource("pqk_frontend.h"));
        files.put("src/frontend/pqk_frontend.c", resource("pqk_frontend.c"));
        files.put("src/frontend/" + s.headerFileName(), s.header());
        files.put("src/frontend/" + s.sourceFileName(), s.source());
        return files;
    }

    @Override
    public int scratchBytes(FrontEndConfig config) {
        return 4 * FrontEndTables.of(config).scratchWords();
    }

    private static String resource(String name) {
        try (InputStream in = FrontEndFiles.class.getResourceAsStream(RUNTIME + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the runtime templates jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
