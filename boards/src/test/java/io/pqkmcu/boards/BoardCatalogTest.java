package io.pqkmcu.boards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardCatalogTest {

    @Test
    void loadsEveryListedDescriptor() {
        List<String> listed = BoardCatalog.indexedIds();
        assertFalse(listed.isEmpty());
        assertEquals(listed.stream().sorted().collect(Collectors.toList()), BoardCatalog.ids());
        for (Board b : BoardCatalog.all()) {
            assertTrue(b.runsInQemu() || b.runsInRenode(), b.id() + " should say how to emulate it");
            assertFalse(b.firmwareFiles().isEmpty());
        }
    }

    @Test
    void theIssueBoardsAreAllThere() {
        assertTrue(BoardCatalog.ids().containsAll(List.of("qemu-mps2-an385", "qemu-mps2-an386", "qemu-mps2-an500",
                "qemu-mps2-an505", "qemu-mps3-an547", "netduinoplus2", "stm32f4-discovery", "stm32f746g-disco",
                "nrf52840-dk", "nucleo-l4r5zi", "bbc-microbit", "b-l072z-lrwan1")), BoardCatalog.ids().toString());
    }

    @Test
    void realBoardsHaveTheirChipsMemoryAndConsole() {
        Board f4 = BoardCatalog.byId("stm32f4-discovery");
        assertEquals(new MemoryRegion(0x0800_0000L, 1L << 20), f4.memory().flash());
        assertEquals(new MemoryRegion(0x2000_0000L, 128L * 1024), f4.memory().ram());
        assertEquals(UartKind.STM32_USART, f4.uart().kind());
        assertEquals(0x4000_4400L, f4.uart().base());
        assertEquals(139, f4.uartDivisor(), "16 MHz / 115200 rounded");
        assertEquals("sysbus.usart2", f4.emulators().renode().orElseThrow().uart());
        assertEquals(ExitMode.HALT, f4.exitMode());

        Board f7 = BoardCatalog.byId("stm32f746g-disco");
        assertEquals(Core.CORTEX_M7, f7.target().core());
        assertEquals(UartKind.STM32_USART_V2, f7.uart().kind());
        assertEquals(320L * 1024, f7.memory().ram().size());

        Board nrf = BoardCatalog.byId("nrf52840-dk");
        assertEquals(0x01D6_0000L, nrf.uartDivisor(), "UARTE BAUDRATE code for 115200");
        assertEquals(new MemoryRegion(0, 1L << 20), nrf.memory().flash());

        Board l4 = BoardCatalog.byId("nucleo-l4r5zi");
        assertEquals(UartKind.STM32_LPUART, l4.uart().kind());
        assertEquals(8889, l4.uartDivisor(), "256 x 4 MHz / 115200 rounded");
        assertEquals(640L * 1024, l4.memory().ram().size());
        assertTrue(l4.shippedRenodePlatform().orElseThrow().contains("lpuart1: UART.STM32F7_USART @ sysbus 0x40008000"));
        assertEquals(List.of("-f", "board/st_nucleo_l4.cfg"), l4.flashTools().openocdArguments());

        Board l0 = BoardCatalog.byId("b-l072z-lrwan1");
        assertEquals(Core.CORTEX_M0PLUS, l0.target().core());
        assertEquals(new MemoryRegion(0x0800_0000L, 192L * 1024), l0.memory().flash());
        assertEquals(new MemoryRegion(0x2000_0000L, 20L * 1024), l0.memory().ram());
        assertEquals(UartKind.STM32_USART_V2, l0.uart().kind());
        assertEquals(18, l0.uartDivisor(), "2.097 MHz MSI / 115200 rounded");
        assertEquals("platforms/cpus/stm32l072.repl", l0.emulators().renode().orElseThrow().platform());
        assertEquals("Tag <0x40002C00, 0x40002FFF> \"WWDG\"", l0.emulators().renode().orElseThrow().sysbusInit().get(3),
                "the stock init block without its SVD download");
        assertFalse(l0.runsInQemu());

        Board netduino = BoardCatalog.byId("netduinoplus2");
        assertEquals(Optional.of("netduinoplus2"), netduino.emulators().qemuMachine());
        assertEquals(ExitMode.SEMIHOSTING, netduino.exitMode());
        assertEquals(0x4001_1000L, netduino.uart().base(), "QEMU wires its first -serial to USART1");
    }

    @Test
    void everyQemuBoardExitsThroughSemihostingAndEveryOtherHalts() {
        for (Board b : BoardCatalog.all()) {
            assertEquals(b.runsInQemu() ? ExitMode.SEMIHOSTING : ExitMode.HALT, b.exitMode(), b.id());
        }
    }

    @Test
    void indexListsEveryDescriptorInTheResources() throws IOException, URISyntaxException {
        URL index = BoardCatalog.class.getResource(BoardFirmware.RESOURCE_ROOT + BoardCatalog.INDEX);
        assertNotNull(index);
        Path folder = Path.of(index.toURI()).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length()))
                    .sorted().collect(Collectors.toList());
            assertEquals(onDisk, BoardCatalog.ids(), "boards.list and the descriptor files disagree");
        }
    }

    @Test
    void an386MatchesTheReferenceMemoryMap() {
        Board b = BoardCatalog.byId("qemu-mps2-an386");
        assertEquals(Core.CORTEX_M4, b.target().core());
        assertEquals(new MemoryRegion(0x0000_0000L, 4L << 20), b.memory().flash());
        assertEquals(new MemoryRegion(0x2000_0000L, 4L << 20), b.memory().ram());
        assertEquals(UartKind.CMSDK, b.uart().kind());
        assertEquals(0x4000_4000L, b.uart().base());
        assertEquals(25_000_000L, b.clocks().coreHz());
        assertEquals(25_000_000L, b.clocks().systickHz());
        assertEquals(Optional.of("mps2-an386"), b.emulators().qemuMachine());
        assertTrue(b.target().hasDsp());
        assertTrue(b.target().hasFpu());
        assertEquals(List.of("-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"), b.compilerFlags());
        assertEquals("cortex-m4", b.qemuCpu());
        assertEquals(new InstructionScale(5, 8), b.instructionScale());
    }

    @Test
    void an385IsSoftFloatCortexM3() {
        Board b = BoardCatalog.byId("qemu-mps2-an385");
        assertEquals(List.of("-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"), b.compilerFlags());
        assertFalse(b.target().hasDsp());
        assertFalse(b.target().hasFpu());
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoardCatalog.byId("qemu-mps2-an999"));
        assertTrue(e.getMessage().contains("qemu-mps2-an999"), e.getMessage());
        for (String id : BoardCatalog.ids()) {
            assertTrue(e.getMessage().contains(id), e.getMessage());
        }
    }
}
