package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.render.RuntimeResources;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/** The static C runtime a project copies from the runtime-c-templates jar: headers, kernels, support functions. */
final class RuntimeFiles {
    private RuntimeFiles() {}

    /**
     * Copies the runtime headers, the sources of the kernels in use and the support functions they call
     * into {@code files}; returns the copied sources (project-relative), in name order.
     */
    static List<String> copy(Set<Kernel> kernels, SortedMap<String, byte[]> files) {
        for (String h : Kernel.PUBLIC_HEADERS) {
            files.put("include/" + h, RuntimeResources.bytes(h));
        }
        for (String h : Kernel.INTERNAL_HEADERS) {
            files.put("src/kernels/" + h, RuntimeResources.bytes(h));
        }
        TreeSet<String> kernelSources = new TreeSet<>();
        for (Kernel k : kernels) {
            if (k.external()) {
                continue;
            }
            kernelSources.add(k.sourceFile());
            for (Kernel.Support s : k.support) {
                kernelSources.add(s.sourceFile());
            }
        }
        List<String> sources = new ArrayList<>();
        for (String src : kernelSources) {
            files.put("src/kernels/" + src, RuntimeResources.bytes(src));
            sources.add("src/kernels/" + src);
        }
        return sources;
    }
}
