package io.pqkmcu.tests;

import io.pqkmcu.codegen.fit.BoardFitException;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.RandomModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fit check with real board descriptors: `pqk generate` refuses a model whose RAM or flash needs exceed the
 * board's, naming the overflow in bytes, and writes nothing.
 */
class FitCheckTest {
    @TempDir
    Path tmp;

    /** A 96x96x16 image model whose planned arena (about 290 KB) exceeds the nRF52840's 256 KB of RAM. */
    private static Int8Model bigArena() {
        return RandomModels.random(11, 96, 96, 16, 10, null);
    }

    @Test
    void tooLittleRamOnTheNrf52840IsRefusedByTheCliWithTheOverflowInBytes() throws Exception {
        Path model = tmp.resolve("big.pqkm");
        ModelFile.write(bigArena(), model);
        Path out = tmp.resolve("p");
        CliRun r = CliRun.of("generate", model.toString(), "--board", "nrf52840-dk", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        Matcher m = Pattern.compile("does not fit board 'nrf52840-dk': RAM: needs (\\d+) B but the board has 262144 B, "
                + "(\\d+) B over \\(arena (\\d+) B, stack reserve (\\d+) B\\)").matcher(r.err());
        assertTrue(m.find(), r.err());
        assertEquals(Long.parseLong(m.group(1)) - 262144, Long.parseLong(m.group(2)));
        assertEquals(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)) + Long.parseLong(m.group(4)));
        assertFalse(r.err().contains("flash:"), "flash fits: " + r.err());
        assertFalse(Files.exists(out), "nothing may be written");
        assertFalse(r.err().contains("\tat "), r.err());

        // The same model fits the NUCLEO-L4R5ZI's 640 KB.
        CliRun ok = CliRun.of("generate", model.toString(), "--board", "nucleo-l4r5zi", "--out", out.toString());
        assertEquals(0, ok.exitCode(), ok.err());
    }

    @Test
    void tooManyTestInputsOnTheAn547AreBlamedWithHowManyFit() {
        Int8Model m = bigArena();
        Random r = new Random(1);
        List<byte[]> vectors = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // 4 x 147 KB of test inputs: more than the AN547's 512 KB ITCM
            byte[] v = new byte[m.input().size()];
            r.nextBytes(v);
            vectors.add(v);
        }
        Path out = tmp.resolve("f");
        BoardFitException e = assertThrows(BoardFitException.class, () -> new ProjectGenerator().generate(m,
                GenerateOptions.of(out).withBoard("qemu-mps3-an547").withTestVectors(vectors)));
        // the model itself fits: the test inputs stored beside it are what overflows, and the message says so
        assertTrue(e.getMessage().matches("the 4 test inputs do not fit in the flash of board 'qemu-mps3-an547' beside "
                + "the model: the model needs \\d+ B of the 524288 B, which leaves \\d+ B, and the test inputs take \\d+ B "
                + "\\(\\d+ B each\\)\\. At most [0-3] fit: pass --test-clips [0-3].*"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
