package io.pqkmcu.codegen.frontend;

import io.pqkmcu.codegen.render.RuntimeResources;
import io.pqkmcu.model.Version;
import io.pqkmcu.model.frontend.FeatureQuantization;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.frontend.FrontEndTables;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The integer front end's files in a generated project: the static runtime ({@code pqk_frontend.h},
 * {@code pqk_frontend.c}) and the tables rendered for the model's front-end settings and input quantization.
 */
public final class FrontEndFiles implements FrontEndProvider {
    private final FrontEndSourceGenerator generator = new FrontEndSourceGenerator(Version.VERSION);

    @Override
    public SortedMap<String, String> files(FrontEndConfig config, double inputScale, int inputZeroPoint, String configSymbol,
                                           String sourceName) {
        FrontEndSources s = generator.generate(config, new FeatureQuantization(inputScale, inputZeroPoint), configSymbol,
                sourceName);
        SortedMap<String, String> files = new TreeMap<>();
        files.put("include/pqk_frontend.h", RuntimeResources.text("pqk_frontend.h"));
        files.put("src/frontend/pqk_frontend.c", RuntimeResources.text("pqk_frontend.c"));
        files.put("src/frontend/" + s.headerFileName(), s.header());
        files.put("src/frontend/" + s.sourceFileName(), s.source());
        return files;
    }

    @Override
    public int scratchBytes(FrontEndConfig config) {
        return 4 * FrontEndTables.of(config).scratchWords();
    }
}
