package io.pqkmcu.trainer.images;

import java.util.List;

/** The training and test images of a dataset and its class names (label order). */
public record ImageSplits(ImageRecords train, ImageRecords test, List<String> classNames) {}
