package io.pqkmcu.tests;

import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.HostRun;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.images.Image;
import io.pqkmcu.codegen.images.ImageFiles;
import io.pqkmcu.codegen.images.PixelScaling;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image models take the same path as keyword spotting, with images instead of audio: `pqk generate --images`
 * quantizes the images into the test vectors, and on the board the logits equal the Java int8 reference's (and
 * the host library's) for every image.
 */
class ImageModelTest {
    @TempDir
    Path tmp;

    /** Gray images with structure (gradients, a square, noise), so that different images give different logits. */
    private static byte[] idxImages(int count, int side, long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(16 + count * side * side);
        b.putInt(0x803).putInt(count).putInt(side).putInt(side);
        for (int n = 0; n < count; n++) {
            int x0 = r.nextInt(side / 2);
            int y0 = r.nextInt(side / 2);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int v = (n % 2 == 0 ? x : y) * 255 / side / 2 + r.nextInt(40);
                    if (x >= x0 && x < x0 + side / 3 && y >= y0 && y < y0 + side / 3) {
                        v += 120;
                    }
                    b.put((byte) Math.min(255, v));
                }
            }
        }
        return b.array();
    }

    private static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    @Test
    void grayImagesFromAnIdxFileRunBitExactlyOnAnM3() throws Exception {
        // Random models are not trained, so many saturate to the same logits for every image; seed 13 does not.
        Int8Model m = RandomModels.random(13, 28, 28, 1, 10, null);
        Path model = tmp.resolve("img.pqkm");
        ModelFile.write(m, model);
        Files.write(tmp.resolve("images.idx3"), idxImages(6, 28, 3));
        Files.write(tmp.resolve("labels.idx1"), idxLabels(0, 1, 2, 3, 4, 5));
        Path dir = tmp.resolve("p");
        CliRun g = CliRun.of("generate", model.toString(), "--board", "qemu-mps2-an385", "--out", dir.toString(),
                "--images", tmp.resolve("images.idx3").toString(), "--image-labels", tmp.resolve("labels.idx1").toString());
        assertEquals(0, g.exitCode(), g.err());

        CliRun s = CliRun.of("simulate", dir.toString(), "--no-layers");
        assertEquals(0, s.exitCode(), s.out() + s.err());
        assertTrue(s.out().contains("PASS on qemu-mps2-an385: 6/6 bit-exact with the Java int8 reference, accuracy"),
                s.out());

        // Three ways: the vectors are the quantized images; Java, host C and the board agree on each.
        List<Image> images = ImageFiles.read(tmp.resolve("images.idx3"), null, 6);
        ProjectInfo info = ProjectInfo.read(dir);
        DeviceRunResult device = DeviceRun.run(info);
        Int8Interpreter java = new Int8Interpreter(m);
        Set<String> distinct = new HashSet<>();
        try (HostRun host = HostRun.open(info, tmp.resolve("classes"))) {
            for (VectorResult v : device.vectors()) {
                byte[] input = PixelScaling.UNIT.quantize(images.get(v.index()), m.input());
                byte[] expected = java.run(input);
                assertArrayEquals(expected, host.invoke(input), "host, image " + v.index());
                assertArrayEquals(expected, v.logits(), "device, image " + v.index());
                assertEquals(v.index(), v.label());
                distinct.add(Arrays.toString(v.logits()));
            }
        }
        assertTrue(distinct.size() > 1, "every image gave the same logits; the check would prove little");
    }

    @Test
    void colourImagesFromACifarBatchRunOnTheNetduino() throws Exception {
        Int8Model m = RandomModels.random(21, 32, 32, 3, 10, null);
        Path model = tmp.resolve("cifar.pqkm");
        ModelFile.write(m, model);
        Random r = new Random(4);
        byte[] batch = new byte[3 * 3073];
        r.nextBytes(batch);
        for (int i = 0; i < 3; i++) {
            batch[i * 3073] = (byte) (i + 7);
        }
        Files.write(tmp.resolve("test_batch.bin"), batch);
        Path dir = tmp.resolve("c");
        CliRun g = CliRun.of("generate", model.toString(), "--board", "netduinoplus2", "--out", dir.toString(),
                "--images", tmp.resolve("test_batch.bin").toString(), "--pixels", "SIGNED");
        assertEquals(0, g.exitCode(), g.err());
        CliRun s = CliRun.of("simulate", dir.toString(), "--no-layers");
        assertEquals(0, s.exitCode(), s.out() + s.err());
        assertTrue(s.out().contains("PASS on netduinoplus2: 3/3 bit-exact"), s.out());
    }

    @Test
    void anAudioModelRefusesImagesAndAWrongShapeIsNamed() throws Exception {
        Int8Model m = RandomModels.random(11, 28, 28, 1, 10, null);
        Path model = tmp.resolve("img.pqkm");
        ModelFile.write(m, model);
        Files.write(tmp.resolve("small.idx3"), idxImages(2, 14, 3));
        CliRun r = CliRun.of("generate", model.toString(), "--out", tmp.resolve("x").toString(), "--images",
                tmp.resolve("small.idx3").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("image is 14x14x1 but the model takes 28x28x1"), r.err());
        assertTrue(!Files.exists(tmp.resolve("x")), "nothing may be written");
    }
}
