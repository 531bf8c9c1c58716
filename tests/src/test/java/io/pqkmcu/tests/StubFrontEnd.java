package io.pqkmcu.tests;

import io.pqkmcu.codegen.project.FrontEndSources;
import io.pqkmcu.trainer.frontend.FrontEndConfig;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stand-in audio front end with the C API of pqk_frontend.h, until the real one is merged: feature
 * f is the sum of {@code stride} consecutive samples, shifted right by {@link #SHIFT}, plus the input
 * zero point, clamped to int8. {@link #features} is its Java twin. It exercises the generated
 * pqk_model_classify path (front-end scratch in the arena, features written to the input tensor) and
 * the binding's short[] audio argument.
 */
final class StubFrontEnd implements FrontEndSources {
    static final int SHIFT = 10;

    @Override
    public SortedMap<String, String> files(FrontEndConfig config, double inputScale, int inputZeroPoint,
                                           String configSymbol, String headerComment) {
        int features = config.frames() * config.featuresPerFrame();
        int stride = config.clipSamples() / features;
        SortedMap<String, String> files = new TreeMap<>();
        files.put("include/pqk_frontend.h", String.join("\n",
                "/* " + headerComment + " */",
                "#ifndef PQK_FRONTEND_H",
                "#define PQK_FRONTEND_H",
                "#include <stdint.h>",
                "#include \"pqk_common.h\"",
                "typedef struct {",
                "    int32_t features;   /* int8 features written */",
                "    int32_t stride;     /* samples summed per feature */",
                "    int32_t shift;      /* right shift of each sum */",
                "    int32_t zero_point; /* added after the shift */",
                "} pqk_frontend_config;",
                "int32_t pqk_frontend_scratch_size(const pqk_frontend_config *cfg);",
                "pqk_status pqk_frontend_run(const pqk_frontend_config *cfg, const int16_t *audio, int8_t *features,",
                "                            int32_t *scratch);",
                "#endif",
                ""));
        files.put("src/frontend/pqk_frontend.c", String.join("\n",
                "/* " + headerComment + " */",
                "#include \"pqk_frontend.h\"",
                "int32_t pqk_frontend_scratch_size(const pqk_frontend_config *cfg)",
                "{",
                "    return cfg->features * (int32_t)sizeof(int32_t);",
                "}",
                "pqk_status pqk_frontend_run(const pqk_frontend_config *cfg, const int16_t *audio, int8_t *features,",
                "                            int32_t *scratch)",
                "{",
                "    int32_t f;",
                "    for (f = 0; f < cfg->features; f++) {",
                "        int32_t i;",
                "        scratch[f] = 0;",
                "        for (i = 0; i < cfg->stride; i++) {",
                "            scratch[f] += audio[f * cfg->stride + i];",
                "        }",
                "    }",
                "    for (f = 0; f < cfg->features; f++) {",
                "        features[f] = (int8_t)pqk_clamp((scratch[f] >> cfg->shift) + cfg->zero_point, -128, 127);",
                "    }",
                "    return PQK_OK;",
                "}",
                ""));
        files.put("src/frontend/frontend_config.c", String.join("\n",
                "/* " + headerComment + " */",
                "#include \"pqk_frontend.h\"",
                "const pqk_frontend_config " + configSymbol + " = {" + features + ", " + stride + ", " + SHIFT + ", "
                        + inputZeroPoint + "};",
                ""));
        return files;
    }

    @Override
    public int scratchBytes(FrontEndConfig config) {
        return config.frames() * config.featuresPerFrame() * 4;
    }

    /** Java twin of pqk_frontend_run above. */
    static byte[] features(FrontEndConfig config, short[] audio, int zeroPoint) {
        int n = config.frames() * config.featuresPerFrame();
        int stride = config.clipSamples() / n;
        byte[] out = new byte[n];
        for (int f = 0; f < n; f++) {
            int sum = 0;
            for (int i = 0; i < stride; i++) {
                sum += audio[f * stride + i];
            }
            out[f] = (byte) Math.max(-128, Math.min(127, (sum >> SHIFT) + zeroPoint));
        }
        return out;
    }
}
