package io.pqkmcu.boards;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(new MemoryRegion(0x0800_0000L, 1L << 20), b.memory().flash());
        assertEquals(new MemoryRegion(0x2000_0000L, 192L * 1024), b.memory().ram());
        assertEquals(4096, b.memory().stackSize());
        assertEquals(168_000_000L, b.clocks().coreHz());
        assertEquals(Optional.empty(), b.emulators().qemuMachine());
        assertEquals(Optional.empty(), b.emulators().renode());
        assertEquals(BoardDescriptor.DEFAULT_BAUD, b.uart().baud());
        assertEquals(List.of(), b.setup());
        assertEquals(ExitMode.HALT, b.exitMode(), "no QEMU machine: no semihosting host, so halt by default");
        assertEquals(FlashTools.NONE, b.flashTools());
    }

    @Test
    void exitDefaultsToSemihostingUnderQemu() {
        assertEquals(ExitMode.SEMIHOSTING, parse(GOOD + "qemu.machine=mps2-an386\n").exitMode());
        assertEquals(ExitMode.HALT, parse(GOOD + "qemu.machine=mps2-an386\nexit=halt\n").exitMode());
    }

    @Test
    void refusesSemihostingWithoutQemu() {
        assertRefused(GOOD + "exit=semihosting\n", "semihosting host", "exit=halt");
        assertRefused(GOOD + "exit=reboot\n", "reboot", "semihosting, halt");
    }

    @Test
    void setupWritesRunInNumberOrder() {
        Board b = parse(GOOD + "setup.2=GPIOA_MODER 0x40020000 0x30 0x20\nsetup.1=RCC_AHB1ENR 0x40023830 0 1\n");
        assertEquals(List.of(new SetupWrite("RCC_AHB1ENR", 0x4002_3830L, 0, 1),
                new SetupWrite("GPIOA_MODER", 0x4002_0000L, 0x30, 0x20)), b.setup());
    }

    @Test
    void refusesGapsAndGarbageInSetupWrites() {
        assertRefused(GOOD + "setup.2=RCC 0x40023830 0 1\n", "setup.1 is missing");
        assertRefused(GOOD + "setup.1=RCC 0x40023830 0\n", "setup.1", "<register> <address> <clear mask> <set mask>");
        assertRefused(GOOD + "setup.1=RCC 0x40023831 0 1\n", "setup.1", "not a word address");
        assertRefused(GOOD + "setup.1=RCC 0x40023830 0 0x1FFFFFFFF\n", "setup.1", "not 32 bits");
        assertRefused(GOOD + "setup.1=RCC 0x40023830 zero 1\n", "setup.1", "'zero' is not a number");
    }

    @Test
    void renodePlatformNeedsItsUartAndABusPath() {
        Board b = parse(GOOD + "renode.platform=platforms/boards/stm32f4_discovery-kit.repl\nrenode.uart=sysbus.usart2\n"
                + "renode.init=Tag <0x1, 0x4> \"A\"; Tag <0x5, 0x8> \"B\"\n");
        RenodePlatform r = b.emulators().renode().orElseThrow();
        assertEquals("sysbus.usart2", r.uart());
        assertEquals(List.of("Tag <0x1, 0x4> \"A\"", "Tag <0x5, 0x8> \"B\""), r.sysbusInit());
        assertFalse(r.shippedByPqk());
        assertRefused(GOOD + "renode.platform=platforms/boards/x.repl\n", "renode.uart");
        assertRefused(GOOD + "renode.uart=sysbus.usart2\n", "need renode.platform");
        assertRefused(GOOD + "renode.platform=platforms/boards/x.repl\nrenode.uart=usart2\n", "bus path");
        assertRefused(GOOD + "renode.platform=/tmp/x.repl\nrenode.uart=sysbus.usart2\n", "platforms/", "pqk:");
    }

    @Test
    void flashToolsBecomeOpenocdScriptsAndCommands() {
        Board b = parse(GOOD + "flash.openocd=interface/stlink.cfg; transport select hla_swd ;target/stm32f4x.cfg\n"
                + "flash.pyocd=stm32f405rgtx\n");
        assertEquals(List.of("-f", "interface/stlink.cfg", "-c", "transport select hla_swd", "-f", "target/stm32f4x.cfg"),
                b.flashTools().openocdArguments());
        assertEquals(Optional.of("stm32f405rgtx"), b.flashTools().pyocdTarget());
    }

    @Test
    void refusesABaudRateTheUartCannotMake() {
        assertRefused(GOOD + "uart.baud=20000000\n", "CMSDK UART", "BAUDDIV");
        assertRefused(with("uart.kind", "uart.kind=nrf52-uarte") + "uart.baud=12345\n", "12345", "115200");
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
