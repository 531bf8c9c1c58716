package io.pqkmcu.codegen.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code bytes of a linked firmware by object file, from the GNU ld map file: the sizes of the input
 * sections the linker kept (.text.*), summed for the objects whose path matches. With
 * -ffunction-sections and --gc-sections this is exactly the code each source contributes.
 */
public final class MapFileSizes {
    /** An input section line: " .text.name" then (same or next line) "0xADDR 0xSIZE path". */
    private static final Pattern SECTION = Pattern.compile(
            "^ (\\.text\\S*)\\s*(?:\\n\\s+)?0x([0-9a-fA-F]+)\\s+0x([0-9a-fA-F]+)\\s+(\\S+\\.o)\\s*$", Pattern.MULTILINE);

    private MapFileSizes() {}

    /** Any kept input section: its name, then (same or next line) address, size and object. */
    private static final Pattern ANY_SECTION = Pattern.compile(
            "^ (\\.\\S+)\\s*(?:\\n\\s+)?0x([0-9a-fA-F]+)\\s+0x([0-9a-fA-F]+)\\s+(\\S+\\.o)\\s*$", Pattern.MULTILINE);

    /** Bytes of the kept input sections named {@code section} (any object). */
    public static long sectionBytes(Path map, String section) {
        long total = 0;
        Matcher m = ANY_SECTION.matcher(keptPart(map));
        while (m.find()) {
            if (m.group(1).equals(section)) {
                total += Long.parseLong(m.group(3), 16);
            }
        }
        return total;
    }

    /** The memory-map part of a map file: the sections the linker kept. */
    private static String keptPart(Path map) {
        String text;
        try {
            text = Files.readString(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read linker map " + map, e);
        }
        int discarded = text.indexOf("Discarded input sections");
        int memoryMap = text.indexOf("Linker script and memory map");
        return memoryMap > discarded ? text.substring(memoryMap) : text;
    }

    /** Bytes of kept .text input sections from objects whose path contains one of {@code fragments}. */
    public static long textBytes(Path map, List<String> fragments) {
        long total = 0;
        Matcher m = SECTION.matcher(keptPart(map));
        while (m.find()) {
            String object = m.group(4);
            for (String f : fragments) {
                if (object.contains(f)) {
                    total += Long.parseLong(m.group(3), 16);
                    break;
                }
            }
        }
        return total;
    }
}
