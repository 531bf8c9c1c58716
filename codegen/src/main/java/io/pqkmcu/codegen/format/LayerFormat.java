package io.pqkmcu.codegen.format;

/** How one layer's weights are stored in flash. */
public enum LayerFormat {
    /** Plain int8 array in the layer's layout. */
    DENSE,
    /** PQKS1 sparse table decoded row by row at run time. */
    SPARSE
}
