package io.pqkmcu.codegen.flash;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One way to program a board: the tool and its exact command line.
 *
 * @param tool      {@code openocd} or {@code pyocd}
 * @param command   program and arguments, ready for a process builder
 * @param installed whether the program was found on PATH (else {@code command[0]} is its bare name)
 */
public record FlashPlan(String tool, List<String> command, boolean installed) {
    public FlashPlan {
        command = List.copyOf(command);
    }

    /** The command as a shell line, arguments with spaces or quotes quoted, for users to copy. */
    public String shellLine() {
        return command.stream().map(FlashPlan::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=+@%,-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
