package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.fit.ResourceUsage;
import io.pqkmcu.codegen.format.LayerFormatChoice;
import io.pqkmcu.codegen.plan.MemoryPlan;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated project on disk and what went into it.
 *
 * @param root          the project directory
 * @param files         every file written, project-relative, sorted
 * @param symbol        the sanitized model name used in C symbols
 * @param javaInterface fully qualified name of the generated JNA interface
 * @param javaSource    project-relative path of its source
 * @param layerFormats  the format chosen per layer with weights, in op order
 */
public record GeneratedProject(Path root, List<String> files, String symbol, String javaInterface, String javaSource,
                               MemoryPlan plan, List<LayerFormatChoice> layerFormats, ResourceUsage usage) {
    public GeneratedProject {
        files = List.copyOf(files);
        layerFormats = List.copyOf(layerFormats);
    }

    /** Path of the host shared library {@code make host} builds. */
    public Path hostLibrary() {
        return root.resolve("build/host/libpqkmodel.so");
    }
}
