package io.pqkmcu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pqk bench}: benchmarks, one subcommand each (they measure; tests only check). */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {FirmwareBenchCommand.class},
        description = "Benchmarks measured on this machine, reported as ratios against a baseline measured in the "
                + "same run.")
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
