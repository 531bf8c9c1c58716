package io.pqkmcu.tests;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find ARM's CMSIS-NN source tree: the system property pqk.cmsisNn or the environment
 * variable PQK_CMSIS_NN. Tests that need it are skipped, with this reason, when neither names one.
 */
final class CmsisNn {
    private CmsisNn() {}

    /** The CMSIS-NN tree, or a skipped test (JUnit assumption) saying how to provide it. */
    static Path require() {
        String p = System.getProperty("pqk.cmsisNn", System.getenv("PQK_CMSIS_NN"));
        Assumptions.assumeTrue(p != null && !p.isBlank(), "CMSIS-NN not available: set -Dpqk.cmsisNn=/path/to/CMSIS-NN "
                + "or PQK_CMSIS_NN (a checkout of github.com/ARM-software/CMSIS-NN, v7 API) to run the --kernels "
                + "cmsis-nn tests");
        Path dir = Path.of(p);
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("Include/arm_nnfunctions.h")),
                "CMSIS-NN not found: " + dir + " has no Include/arm_nnfunctions.h");
        return dir;
    }
}
