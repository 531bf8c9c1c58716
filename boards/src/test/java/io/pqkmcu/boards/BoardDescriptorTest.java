package io.pqkmcu.boards;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardDescriptorTest {
    private static final String GOOD = String.join("\n",
            "id=test-board",
            "description=a test board",
            "core=cortex-m4",
            "gcc.float-abi=hard",
            "gcc.fpu=fpv4-sp-d16",
            "dsp=true",
            "fpu=true",
            "flash.base=0x08000000",
            "flash.size=1M",
            "ram.base=0x20000000",
            "ram.size=192K",
            "stack.size=0x1000",
            "clock.hz=168_000_000",
            "systick.hz=168000000",
            "uart.kind=cmsdk",
            "uart.base=0x40004000",
            "");

    private static Board parse(String text) {
        return BoardDescriptor.parse("test.properties", new StringReader(text));
    }

    /** GOOD with one line replaced (or removed when {@code line} is null). */
    private static String with(String key, String line) {
        StringBuilder sb = new StringBuilder();
        for (String l : GOOD.split("\n")) {
            if (l.startsWith(key + "=")) {
                if (line != null) {
                    sb.append(line).append('\n');
                }
            } else {
                sb.append(l).append('\n');
            }
        }
        return sb.toString();
    }

    private static void assertRefused(String text, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertTrue(e.getMessage().contains("test.properties"), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void parsesNumbersInEveryAllowedForm() {
        Board b = parse(GOOD);
        assertEquals(new MemoryRegion(0x0800_0000L, 1L << 20), b.flash());
        assertEquals(new MemoryRegion(0x2000_0000L, 192L * 1024), b.ram());
        assertEquals(4096, b.stackSize());
        assertEquals(168_000_000L, b.clockHz());
        assertEquals(Optional.empty(), b.qemuMachine());
        assertEquals(Optional.empty(), b.renodePlatform());
    }

    @Test
    void refusesMissingKeys() {
        assertRefused(with("uart.base", null), "lacks", "uart.base");
    }

    @Test
    void refusesUnknownKeysSoTyposAreCaught() {
        assertRefused(GOOD + "qemu.machin=mps2-an386\n", "unknown keys", "qemu.machin");
    }

    @Test
    void refusesBadNumbers() {
        assertRefused(with("ram.size", "ram.size=lots"), "ram.size", "lots");
        assertRefused(with("clock.hz", "clock.hz=-5"), "clock.hz");
    }

    @Test
    void refusesBadBooleans() {
        assertRefused(with("dsp", "dsp=yes"), "dsp", "true or false");
    }

    @Test
    void refusesUnknownCoreListingKnownOnes() {
        assertRefused(with("core", "core=cortex-a53"), "core", "cortex-a53", "cortex-m4", "cortex-m55");
    }

    @Test
    void refusesFeaturesTheCoreDoesNotHave() {
        String m3 = with("core", "core=cortex-m3");
        assertRefused(m3, "cortex-m3", "DSP");
    }

    @Test
    void refusesDenyingDspOnACoreThatAlwaysHasIt() {
        assertRefused(with("dsp", "dsp=false"), "cortex-m4", "always has the DSP extension");
    }

    @Test
    void optionalDspThatIsAbsentIsSwitchedOffForGcc() {
        Board b = parse(with("core", "core=cortex-m33").replace("dsp=true", "dsp=false"));
        assertEquals("-mcpu=cortex-m33+nodsp", b.compilerFlags().get(0));
        Board withDsp = parse(with("core", "core=cortex-m33"));
        assertEquals("-mcpu=cortex-m33", withDsp.compilerFlags().get(0));
    }

    @Test
    void refusesHardFloatWithoutFpu() {
        String noFpu = with("fpu", "fpu=false");
        assertRefused(noFpu, "needs an FPU");
    }

    @Test
    void refusesOverlappingMemories() {
        assertRefused(with("ram.base", "ram.base=0x08080000"), "overlaps");
    }

    @Test
    void refusesStackLargerThanRam() {
        assertRefused(with("stack.size", "stack.size=192K"), "stack size");
    }

    @Test
    void refusesRegionsPastTheAddressSpace() {
        assertRefused(with("ram.base", "ram.base=0xFFFF0000"), "32-bit address space");
    }

    @Test
    void refusesUnknownUartKind() {
        assertRefused(with("uart.kind", "uart.kind=pl011"), "pl011", "cmsdk");
    }
}
