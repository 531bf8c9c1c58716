package io.pqkmcu.codegen.frontend;

import io.pqkmcu.model.frontend.FrontEndConfig;

import java.util.SortedMap;

/**
 * Produces the C sources of a model's audio front end (the front-end module's
 * FrontEndSourceGenerator, adapted). The generated model calls the C API of {@code pqk_frontend.h}:
 * {@code pqk_status pqk_frontend_run(const pqk_frontend_config *cfg, const int16_t *audio,
 * int8_t *features, int32_t *scratch)} and {@code int32_t pqk_frontend_scratch_size(const
 * pqk_frontend_config *cfg)} (taken to be in bytes), with a {@code const pqk_frontend_config} instance
 * named {@code configSymbol}.
 */
public interface FrontEndProvider {
    /**
     * All of the front end's files by project-relative path: the static runtime ({@code pqk_frontend.h}
     * under {@code include/}, {@code pqk_frontend.c} under {@code src/frontend/}) as well as the rendered
     * tables and the {@code const pqk_frontend_config configSymbol} instance (for example
     * {@code src/frontend/frontend_tables.c}). Every {@code .c} file is compiled into the model, host and
     * firmware. {@code inputScale}/{@code inputZeroPoint} are the model input's quantization, which
     * the front end's int8 output must use; {@code sourceName} says what the tables come from (model
     * name and checksum), for the first comment of each rendered file.
     */
    SortedMap<String, String> files(FrontEndConfig config, double inputScale, int inputZeroPoint, String configSymbol,
                                    String sourceName);

    /** Scratch bytes pqk_frontend_run needs (what pqk_frontend_scratch_size returns for this config). */
    int scratchBytes(FrontEndConfig config);
}
