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
            assertTrue(b.runsInQemu(), b.id() + " should name its QEMU machine");
            assertFalse(b.firmwareFiles().isEmpty());
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
        assertEquals(Core.CORTEX_M4, b.core());
        assertEquals(new MemoryRegion(0x0000_0000L, 4L << 20), b.flash());
        assertEquals(new MemoryRegion(0x2000_0000L, 4L << 20), b.ram());
        assertEquals(UartKind.CMSDK, b.uartKind());
        assertEquals(0x4000_4000L, b.uartBase());
        assertEquals(25_000_000L, b.clockHz());
        assertEquals(25_000_000L, b.systickHz());
        assertEquals(Optional.of("mps2-an386"), b.qemuMachine());
        assertTrue(b.hasDsp());
        assertTrue(b.hasFpu());
        assertEquals(List.of("-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"), b.compilerFlags());
        assertEquals("cortex-m4", b.qemuCpu());
        assertEquals(new InstructionScale(5, 8), b.instructionScale());
    }

    @Test
    void an385IsSoftFloatCortexM3() {
        Board b = BoardCatalog.byId("qemu-mps2-an385");
        assertEquals(List.of("-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"), b.compilerFlags());
        assertFalse(b.hasDsp());
        assertFalse(b.hasFpu());
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
