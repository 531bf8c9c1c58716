package io.pqkmcu.cli;

import picocli.CommandLine.Command;

/** {@code pqk bench}: benchmarks, each reported against a baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: training throughput against PyTorch, firmware size and instructions.",
        subcommands = {BenchTrainCommand.class, FirmwareBenchCommand.class, FrontEndBenchCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
