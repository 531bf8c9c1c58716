package io.pqkmcu.codegen.renode;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.model.RandomModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated .repl/.resc/.robot files, checked as text (Renode itself is not installed here). */
class RenodeScriptsTest {
    @TempDir
    Path tmp;

    private SortedMap<String, byte[]> generate(String board) {
        return new ProjectGenerator().render(RandomModels.random(5101), GenerateOptions.of(tmp.resolve(board))
                .withBoard(board)).files();
    }

    private static String text(SortedMap<String, byte[]> files, String path) {
        byte[] b = files.get(path);
        assertTrue(b != null, path + " was not generated; files: " + files.keySet());
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void everyRenodeBoardGetsPlatformScriptAndRobotTestAndQemuOnlyBoardsDoNot() {
        for (Board b : BoardCatalog.all()) {
            SortedMap<String, byte[]> f = generate(b.id());
            assertEquals(b.runsInRenode(), f.containsKey(RenodeScripts.ROBOT), b.id());
            assertEquals(b.runsInRenode(), f.containsKey(RenodeScripts.SCRIPT), b.id());
            assertEquals(b.runsInRenode(), f.containsKey(RenodeScripts.PLATFORM), b.id());
        }
        assertTrue(BoardCatalog.all().stream().filter(Board::runsInRenode).count() >= 5);
    }

    @Test
    void stockPlatformsAreUsedWithoutTheirWebSvd() {
        String repl = text(generate("stm32f4-discovery"), RenodeScripts.PLATFORM);
        assertTrue(repl.contains("using \"platforms/boards/stm32f4_discovery-kit.repl\"\n"), repl);
        assertTrue(repl.contains("sysbus:\n    init:\n        Tag <0x40021000, 0x40021003> \"GPIOE_MODER\" 0xFFFFFFFF\n"), repl);
        assertFalse(repl.contains("ApplySVD"), repl);
        String nrf = text(generate("nrf52840-dk"), RenodeScripts.PLATFORM);
        assertTrue(nrf.contains("using \"platforms/boards/nrf52840dk_nrf52840.repl\""), nrf);
    }

    @Test
    void theCortexM0PlusBoardUsesRenodesStm32l072WithoutItsWebSvd() {
        String repl = text(generate("b-l072z-lrwan1"), RenodeScripts.PLATFORM);
        assertTrue(repl.contains("using \"platforms/cpus/stm32l072.repl\"\n"), repl);
        assertTrue(repl.contains("        Tag <0x40002C00, 0x40002FFF> \"WWDG\"\n"), repl);
        assertFalse(repl.contains("ApplySVD"), repl);
        String robot = text(generate("b-l072z-lrwan1"), RenodeScripts.ROBOT);
        assertTrue(robot.contains("${UART}                        sysbus.usart2\n"), robot);
    }

    @Test
    void theL4r5PlatformShipsWithPqk() {
        String repl = text(generate("nucleo-l4r5zi"), RenodeScripts.PLATFORM);
        assertFalse(repl.contains("using "), repl);
        assertTrue(repl.contains("lpuart1: UART.STM32F7_USART @ sysbus 0x40008000"), repl);
        assertTrue(repl.contains("size: 0xA0000"), "640 KB of SRAM:\n" + repl);
    }

    @Test
    void scriptLoadsThePlatformAndTheElfRelativeToItself() {
        String resc = text(generate("stm32f746g-disco"), RenodeScripts.SCRIPT);
        assertTrue(resc.contains("machine LoadPlatformDescription $ORIGIN/platform.repl\n"), resc);
        assertTrue(resc.contains("sysbus LoadELF $ORIGIN/../build/stm32f746g-disco/firmware.elf\n"), resc);
        assertTrue(resc.contains("showAnalyzer sysbus.usart1\n"), "the console opens in an analyzer:\n" + resc);
    }

    @Test
    void scriptFixesVirtualTimeSoThatSysTickCountsInstructionsAsUnderQemu() {
        // The F7's stock platform runs its CPU at 462 MIPS and SysTick at 216 MHz: both are overridden.
        String f7 = text(generate("stm32f746g-disco"), RenodeScripts.SCRIPT);
        assertTrue(f7.contains("cpu PerformanceInMips 125\nnvic Frequency 128000000\n"), f7);
        String l0 = text(generate("b-l072z-lrwan1"), RenodeScripts.SCRIPT);
        assertTrue(l0.contains("nvic Frequency 16777216\n"), "8 x the 2^21 Hz MSI:\n" + l0);
        // The settings come after the platform is loaded (they would not exist before) and before any start.
        assertTrue(f7.indexOf("machine LoadPlatformDescription") < f7.indexOf("cpu PerformanceInMips"), f7);
        assertFalse(f7.contains("\nstart"), f7);
    }

    @Test
    void robotWaitsForEveryReferenceLineOnTheBoardsConsole() {
        String robot = text(generate("nucleo-l4r5zi"), RenodeScripts.ROBOT);
        assertTrue(robot.contains("${UART}                        sysbus.lpuart1\n"), robot);
        assertTrue(robot.contains("    Execute Command            include @${script}\n"), robot);
        assertTrue(robot.contains("${script}=                 Replace String    ${SCRIPT}    ${SPACE}    \\\\${SPACE}\n"),
                "spaces in the project's path are escaped for Renode's monitor:\n" + robot);
        assertTrue(robot.contains("${UART_LOG}                    ${OUTPUT DIR}${/}uart.log\n"), robot);
        assertTrue(robot.contains("    Execute Command            ${UART} CreateFileBackend @${log} true\n"), robot);
        // The log is opened before the emulation starts, so it holds every line.
        assertTrue(robot.indexOf("CreateFileBackend") < robot.indexOf("Start Emulation"), robot);
        assertTrue(robot.contains("Wait For Line On Uart      ^PQK vector 0 label=-1 pred="), robot);
        // Counts: any positive number (a stopped counter prints 0); no front end for a random model's int8 inputs.
        assertTrue(robot.contains("frontend_instructions=0 model_instructions=[1-9]\\\\d* logits="), robot);
        assertTrue(robot.contains("Wait For Line On Uart      ^PQK EXIT 0\\$    treatAsRegex=true\n"), robot);
        // Robot needs no '  ' inside a cell: every line is keyword, two+ spaces, argument, two+ spaces, option.
        for (String line : robot.split("\n")) {
            if (line.startsWith("    Wait For Line On Uart")) {
                assertEquals(3, line.trim().split(" {2,}").length, line);
            }
        }
    }

    @Test
    void robotEscapingKeepsBackslashesSpacesAndVariablesLiteral() {
        assertEquals("a\\\\d+ b ${SPACE}c\\$", RenodeScripts.robotEscape("a\\d+ b  c$"));
        assertEquals("${SPACE}x${SPACE}", RenodeScripts.robotEscape(" x "));
        assertEquals("\\#x", RenodeScripts.robotEscape("#x"));
    }
}
