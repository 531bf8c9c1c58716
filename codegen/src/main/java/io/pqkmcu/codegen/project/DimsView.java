package io.pqkmcu.codegen.project;

/** A pqk_dims initializer {n, h, w, c} for the templates. */
public record DimsView(int n, int h, int w, int c) {}
