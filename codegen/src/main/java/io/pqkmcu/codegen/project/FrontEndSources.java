package io.pqkmcu.codegen.project;

import io.pqkmcu.trainer.frontend.FrontEndConfig;

import java.util.SortedMap;

/**
 * Produces the C sources of a model's audio front end (the front-end module's
 * FrontEndSourceGenerator, adapted). The generated model calls the C API of {@code pqk_frontend.h}:
 * {@code pqk_status pqk_frontend_run(const pqk_frontend_config *cfg, const int16_t *audio,
 * int8_t *features, int32_t *scratch)} and {@code int32_t pqk_frontend_scratch_size(const
 * pqk_frontend_config *cfg)} (taken to be in bytes), with a {@code const pqk_frontend_config} instance
 * named {@code configSymbol}.
 */
public interface FrontEndSources {
    /**
     * The front end's files by project-relative path (for example {@code include/pqk_frontend.h},
     * {@code src/frontend/pqk_frontend.c}, {@code src/frontend/frontend_tables.c}); every {@code .c}
     * file is compiled into the model. {@code headerComment} is the generated-file comment to start
     * each generated file with.
     */
    SortedMap<String, String> files(FrontEndConfig config, double inputScale, int inputZeroPoint, String configSymbol,
                                    String headerComment);

    /** Scratch bytes pqk_frontend_run needs (what pqk_frontend_scratch_size returns for this config). */
    int scratchBytes(FrontEndConfig config);
}
