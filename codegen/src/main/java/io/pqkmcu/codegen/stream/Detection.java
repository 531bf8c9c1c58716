package io.pqkmcu.codegen.stream;

/**
 * A keyword found in the stream.
 *
 * @param window the window whose smoothed posterior crossed the threshold (0 = the stream's first second)
 * @param timeMs when that window ends, in ms from the start of the stream: the moment a device running in
 *               real time would have heard enough to decide
 * @param label  the keyword's class index
 * @param score  its smoothed posterior, Q15
 */
public record Detection(int window, long timeMs, int label, int score) {}
