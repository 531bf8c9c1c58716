package io.pqkmcu.cli;

import io.pqkmcu.model.Version;
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

    /** Exit code of {@link #parseOnly} when the arguments are fine and the command should now run. */
    public static final int ARGUMENTS_OK = 100;

    public static void main(String[] args) {
        System.exit(System.getenv("PQK_PARSE_ONLY") != null ? parseOnly(args) : run(args));
    }

    /**
     * Checks the arguments without running the command: help and version requests and argument errors are
     * handled as {@link #run} handles them (their exit code), well-formed arguments give {@link #ARGUMENTS_OK}.
     * The launcher uses it so that those outputs come from a JVM without the Vector API incubator module.
     */
    public static int parseOnly(String... args) {
        CommandLine cl = new CommandLine(new PqkMain());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(java.nio.file.Path.class, PqkMain::path);
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            CommandLine.ParseResult p = parsed;
            boolean help = false;
            while (p != null) {
                help |= p.isUsageHelpRequested() || p.isVersionHelpRequested();
                p = p.subcommand();
            }
            if (help) {
                return run(args);
            }
            return ARGUMENTS_OK;
        } catch (CommandLine.ParameterException e) {
            return run(args); // prints the error and usage exactly as a real run does
        }
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new PqkMain());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(java.nio.file.Path.class, PqkMain::path);
        return cl.execute(args);
    }

    /** A path argument; one the locale cannot encode gets a clear message instead of InvalidPathException. */
    static java.nio.file.Path path(String s) {
        try {
            return java.nio.file.Path.of(s);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CommandLine.TypeConversionException(ErrorHandler.invalidPath(e));
        }
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
