package io.pqkmcu.codegen.fit;

/** The memory a board offers to the firmware: flash for code and constants, RAM for data and stack. */
public record BoardLimits(String boardId, long flashBytes, long ramBytes) {
    public BoardLimits {
        if (flashBytes <= 0 || ramBytes <= 0) {
            throw new IllegalArgumentException("board " + boardId + " must have positive flash and RAM sizes");
        }
    }
}
