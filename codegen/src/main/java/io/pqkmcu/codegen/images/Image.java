package io.pqkmcu.codegen.images;

/**
 * An 8-bit image, pixels in height × width × channels order (NHWC without N, the order of the model input).
 *
 * @param label the class index, or −1 when the file gives none
 */
public record Image(int height, int width, int channels, byte[] pixels, int label) {
    public Image {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + height + "x" + width + "x" + channels);
        }
        if (pixels.length != height * width * channels) {
            throw new IllegalArgumentException(pixels.length + " pixel values for a " + height + "x" + width + "x" + channels
                    + " image");
        }
    }

    /** Unsigned value of element i (0..255). */
    public int value(int i) {
        return pixels[i] & 0xFF;
    }

    public String shape() {
        return height + "x" + width + "x" + channels;
    }
}
