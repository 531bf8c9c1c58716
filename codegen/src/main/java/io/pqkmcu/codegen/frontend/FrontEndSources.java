package io.pqkmcu.codegen.frontend;

/**
 * The two generated files of one model's front end: {@code <symbol>.h} (sizes and the extern config)
 * and {@code <symbol>.c} (const tables and the {@code pqk_frontend_config} instance). They compile with
 * the runtime's {@code pqk_frontend.c}, {@code pqk_frontend.h} and {@code pqk_common.h}.
 */
public record FrontEndSources(String headerFileName, String header, String sourceFileName, String source) {}
