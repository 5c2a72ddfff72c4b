package io.github.seastreamer.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Arrays;

import io.github.seastreamer.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code sea-streamer} command: the entry point of the shaded jar
 * ({@code java -jar sea-streamer.jar <subcommand> ...}, or the {@code ./sea-streamer}
 * launcher).
 *
 * <p>
 * <b>Adding a subcommand is a one-line change</b>: add its class (a picocli
 * {@code @Command} implementing {@code Callable<Integer>}) to the {@code subcommands}
 * list of the {@link Command} annotation below. Subcommands work through
 * {@code SeaStreamer.connect} and the generic API only, so every backend on the class
 * path works with every subcommand.
 *
 * <p>
 * Standard output carries data only; logs (slf4j-simple, WARN unless {@code --verbose})
 * and errors go to standard error. Exit codes: 0 success; 1 an error while running (one
 * line {@code Error: ...} on stderr, the stack trace only with {@code --verbose}); 2 bad
 * arguments (one line); 130/143 stopped by SIGINT/SIGTERM after a clean stop; 141 stdout
 * closed by its reader.
 */
@Command(name = "sea-streamer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		description = "Stream-processing tools over any SeaStreamer backend (stdio, file, redis, kafka).",
		subcommands = { ClockCommand.class, RelayCommand.class, ProduceCommand.class, ConsumeCommand.class,
				BenchCommand.class, DecodeCommand.class, VerifyCommand.class, TrimCommand.class })
public final class SeaStreamerCommand implements Runnable {

	/** The exit code for an error while running. */
	public static final int ERROR = 1;

	/** The exit code for bad arguments. */
	public static final int USAGE = 2;

	private static volatile OutputStream stdout = new FileOutputStream(FileDescriptor.out);

	@Spec
	CommandSpec spec;

	@Option(names = "--verbose", scope = ScopeType.INHERIT,
			description = "Log at debug level and print stack traces of errors.")
	boolean verbose;

	/**
	 * Run the command line and exit the JVM with its exit code.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Run the command line in this JVM.
	 * @param args the command-line arguments
	 * @return the exit code
	 */
	public static int run(String... args) {
		return run(new FileOutputStream(FileDescriptor.out), new PrintWriter(System.err, true), args);
	}

	/**
	 * Run the command line in this JVM with the given outputs (for tests).
	 * @param out where data goes (what would go to stdout)
	 * @param err where errors and usage messages go
	 * @param args the command-line arguments
	 * @return the exit code
	 */
	static int run(OutputStream out, PrintWriter err, String... args) {
		stdout = out;
		boolean verbose = Arrays.stream(args).takeWhile((arg) -> !arg.equals("--")).anyMatch("--verbose"::equals);
		configureLogging(verbose);
		CommandLine commandLine = new CommandLine(new SeaStreamerCommand());
		commandLine.setErr(err);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			String command = ex.getCommandLine().getCommandSpec().qualifiedName();
			err.println("Error: " + Errors.clean(String.valueOf(ex.getMessage())) + " (see `" + command + " --help`)");
			err.flush();
			return USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			if (verbose) {
				ex.printStackTrace(err);
			}
			err.println("Error: " + Errors.oneLine(ex));
			err.flush();
			return ERROR;
		});
		return commandLine.execute(args);
	}

	/**
	 * Where subcommands write their data: standard output, unbuffered.
	 * @return the stream
	 */
	static OutputStream stdout() {
		return stdout;
	}

	private static void configureLogging(boolean verbose) {
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
		if (verbose) {
			System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
		}
		else if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
			System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		}
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"Missing subcommand: one of " + String.join(", ", this.spec.subcommands().keySet()));
	}

}
