package io.pqkmcu.codegen.images;

import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.model.Int8Model;

import java.util.ArrayList;
import java.util.List;

/** Images as the test firmware's inputs: int8 vectors in the model's input quantization, with their labels. */
public final class ImageInputs {
    private ImageInputs() {}

    /**
     * @throws IllegalArgumentException when the model takes audio, when an image's shape differs from the model's
     *                                  input, or when a label has no class
     */
    public static TestInputs of(Int8Model model, List<Image> images, PixelScaling scaling) {
        return of(model, images, scaling, null);
    }

    /** As {@link #of(Int8Model, List, PixelScaling)}, naming {@code source} (the images' file) in messages. */
    public static TestInputs of(Int8Model model, List<Image> images, PixelScaling scaling, String source) {
        String where = source == null ? "" : source + ": ";
        if (model.frontEnd() != null) {
            throw new IllegalArgumentException("model '" + model.name() + "' takes audio through its front end; test it "
                    + "with --data (clips), not images");
        }
        List<byte[]> vectors = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Image img = images.get(i);
            try {
                vectors.add(scaling.quantize(img, model.input()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "test image " + i + ": " + e.getMessage(), e);
            }
            if (img.label() >= model.labels().size()) {
                throw new IllegalArgumentException(where + "test image " + i + " has label " + img.label() + " but model '"
                        + model.name() + "' has " + model.labels().size() + " classes");
            }
            labels.add(img.label());
        }
        return new TestInputs(vectors, List.of(), labels);
    }
}
