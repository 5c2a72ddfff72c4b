package io.github.seastreamer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sea-streamer} command: the entry point of the shaded jar.
 *
 * <p>
 * Registering a subcommand is a one-line change: add its class to the {@code subcommands}
 * list of the {@link Command} annotation below.
 */
@Command(name = "sea-streamer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		description = "Stream-processing tools over any SeaStreamer backend.", subcommands = {})
public final class SeaStreamerCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	/**
	 * Run the command line and exit the JVM with its exit code.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		System.exit(new CommandLine(new SeaStreamerCommand()).execute(args));
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "Missing subcommand");
	}

}
