package io.pqkmcu.codegen.project;

import java.util.List;

/** One firmware test vector: input and expected logits as C literal lines. */
public record TestVectorView(List<String> inputLines, List<String> expectedLines) {}
