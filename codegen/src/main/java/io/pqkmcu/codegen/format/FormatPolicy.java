package io.pqkmcu.codegen.format;

/** The format rule for layers without a per-layer override. */
public enum FormatPolicy {
    /** Let {@link LayerFormatChooser} decide per layer. */
    AUTO,
    /** Every layer with weights dense. */
    DENSE,
    /** Every layer with weights sparse. */
    SPARSE
}
