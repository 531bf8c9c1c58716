package io.pqkmcu.boards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardFirmwareTest {

    @Test
    void an386FilesAreTheRuntimeStartupDriverConfigAndLinkerScript() {
        SortedMap<String, String> files = BoardCatalog.byId("qemu-mps2-an386").firmwareFiles();
        assertEquals(List.of("pqk_board.c", "pqk_board.h", "pqk_board.ld", "pqk_board_config.h",
                "pqk_startup_armv7m.c", "pqk_uart_cmsdk.c"), List.copyOf(files.keySet()));
    }

    @Test
    void configHeaderCarriesTheDescriptorNumbers() {
        String h = BoardCatalog.byId("qemu-mps2-an386").firmwareFiles().get("pqk_board_config.h");
        assertTrue(h.contains("#define PQK_BOARD_UART_BASE 0x40004000u"), h);
        assertTrue(h.contains("#define PQK_BOARD_CLOCK_HZ 25000000u"), h);
        assertTrue(h.contains("#define PQK_BOARD_ICOUNT_SHIFT 6"), h);
        assertTrue(h.contains("#define PQK_BOARD_INSTR_PER_TICK_NUM 5u"), h);
        assertTrue(h.contains("#define PQK_BOARD_INSTR_PER_TICK_DEN 8u"), h);
        String h505 = BoardCatalog.byId("qemu-mps2-an505").firmwareFiles().get("pqk_board_config.h");
        assertTrue(h505.contains("#define PQK_BOARD_INSTR_PER_TICK_NUM 25u"), h505);
        assertTrue(h505.contains("#define PQK_BOARD_INSTR_PER_TICK_DEN 32u"), h505);
        assertTrue(h.contains("#define PQK_BOARD_UART_DIVISOR 0x000000D9u"), "25 MHz / 115200 = 217:\n" + h);
        assertTrue(h.contains("#define PQK_BOARD_EXIT_SEMIHOSTING 1"), h);
        assertTrue(h.contains("#define PQK_BOARD_SETUP_COUNT 0u"), h);
        assertFalse(h.contains("PQK_BOARD_SETUP_WRITES"), h);
    }

    @Test
    void setupWritesBecomeAnInitializerListInOrder() {
        String h = BoardCatalog.byId("nucleo-l4r5zi").firmwareFiles().get("pqk_board_config.h");
        assertTrue(h.contains("#define PQK_BOARD_SETUP_COUNT 6u"), h);
        assertTrue(h.contains("#define PQK_BOARD_SETUP_WRITES { \\\n"
                + "    { 0x40021058u, 0x00000000u, 0x10000000u }, /* RCC_APB1ENR1 */ \\\n"
                + "    { 0x40007004u, 0x00000000u, 0x00000200u }, /* PWR_CR2 */ \\\n"), h);
        assertTrue(h.contains("#define PQK_BOARD_EXIT_SEMIHOSTING 0"), h);
        assertTrue(h.contains("#define PQK_BOARD_UART_DIVISOR 0x000022B9u"), h);
    }

    @Test
    void eachUartKindBringsItsDriver() {
        assertTrue(BoardCatalog.byId("netduinoplus2").firmwareFiles().containsKey("pqk_uart_stm32_usart.c"));
        assertTrue(BoardCatalog.byId("stm32f746g-disco").firmwareFiles().containsKey("pqk_uart_stm32_usart_v2.c"));
        assertTrue(BoardCatalog.byId("nucleo-l4r5zi").firmwareFiles().containsKey("pqk_uart_stm32_usart_v2.c"));
        assertTrue(BoardCatalog.byId("nrf52840-dk").firmwareFiles().containsKey("pqk_uart_nrf52_uarte.c"));
        // The STM32L0's USART has the F7's register layout (RM0367 section 24.7).
        assertTrue(BoardCatalog.byId("b-l072z-lrwan1").firmwareFiles().containsKey("pqk_uart_stm32_usart_v2.c"));
    }

    @Test
    void theCortexM0PlusBoardTakesTheArmv6mStartup() {
        var files = BoardCatalog.byId("b-l072z-lrwan1").firmwareFiles();
        assertTrue(files.containsKey("pqk_startup_armv6m.c"), files.keySet().toString());
        assertFalse(files.containsKey("pqk_startup_armv7m.c"), files.keySet().toString());
    }

    @Test
    void linkerScriptIsFilledCompletely() {
        String ld = BoardCatalog.byId("qemu-mps2-an505").firmwareFiles().get("pqk_board.ld");
        assertFalse(ld.contains("@"), "unfilled placeholder left:\n" + ld);
        assertTrue(ld.contains("FLASH (rx)  : ORIGIN = 0x10000000, LENGTH = 0x00400000"), ld);
        assertTrue(ld.contains("RAM   (rwx) : ORIGIN = 0x38000000, LENGTH = 0x00400000"), ld);
        assertTrue(ld.contains("__pqk_stack_size__ = 0x00002000;"), ld);
    }

    @Test
    void filesAreDeterministic() {
        Board b = BoardCatalog.byId("qemu-mps2-an385");
        assertEquals(b.firmwareFiles(), b.firmwareFiles());
    }

    @Test
    void writesTheFilesAndSortsThemByRole(@TempDir Path dir) throws IOException {
        Board b = BoardCatalog.byId("qemu-mps2-an386");
        BoardFiles files = b.writeFirmwareFiles(dir.resolve("board"));
        assertEquals(dir.resolve("board"), files.directory());
        assertEquals(3, files.sources().size());
        assertEquals(2, files.headers().size());
        for (Path p : files.sources()) {
            assertEquals(b.firmwareFiles().get(p.getFileName().toString()), Files.readString(p));
        }
        assertEquals(b.firmwareFiles().get("pqk_board.ld"), Files.readString(files.linkerScript()));
        try (var listing = Files.list(files.directory())) {
            assertEquals(6, listing.count(), "no temp files may be left behind");
        }
    }

    @Test
    void instructionScaleIsReducedExactly() {
        assertEquals(new InstructionScale(5, 8), InstructionScale.of(25_000_000, 6));
        assertEquals(new InstructionScale(25, 32), InstructionScale.of(20_000_000, 6));
        assertEquals(new InstructionScale(125, 256), InstructionScale.of(32_000_000, 6));
        assertEquals(625, new InstructionScale(5, 8).instructions(1000));
    }
}
