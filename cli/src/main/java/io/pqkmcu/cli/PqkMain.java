package io.pqkmcu.cli;

import io.pqkmcu.trainer.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pqk} command: train compressed networks with PQK and turn them into Cortex-M firmware. */
@Command(name = "pqk", mixinStandardHelpOptions = true, versionProvider = PqkMain.VersionProvider.class,
        description = "Train compressed keyword-spotting networks with PQK (pruning + int8 QAT + self-distillation)"
                + " and generate bit-exact Cortex-M firmware.",
        subcommands = {DataCommand.class, TrainCommand.class, EvalCommand.class, AblateCommand.class,
                ImportCommand.class, ExportCommand.class, RunCommand.class, GenerateCommand.class, BuildCommand.class, SimulateCommand.class, FlashCommand.class, DemoCommand.class,
                BenchCommand.class, BoardsCommand.class})
public final class PqkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new PqkMain());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.GENERATOR};
        }
    }
}
