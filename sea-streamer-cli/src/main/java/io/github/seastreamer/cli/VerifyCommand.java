package io.github.seastreamer.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.seastreamer.file.tools.SsVerify;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code verify}: checks every record of a {@code .ss} file and prints one line per
 * damaged region ({@code damaged: offset O, N bytes: what is wrong}), then a summary
 * line; with {@code --repair --output G} writes a clean file holding every intact
 * message.
 *
 * <p>
 * Exit codes: 0 for a clean file; 1 if any region is damaged (also when repaired) or the
 * file is not a {@code .ss} file.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
		description = "Check a .ss file; list every damaged region; optionally write a repaired copy.")
final class VerifyCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--file", required = true, paramLabel = "FILE", description = "The .ss file to check.")
	@Nullable Path file;

	@Option(names = "--repair", description = "Write the intact messages to --output.")
	boolean repair;

	@Option(names = "--output", paramLabel = "FILE", description = "Where --repair writes the clean file.")
	@Nullable Path output;

	@Override
	public Integer call() throws Exception {
		Path path = Required.of(this.file);
		if (this.repair && this.output == null) {
			throw new ParameterException(Required.of(this.spec).commandLine(), "--repair needs --output FILE");
		}
		if (!this.repair && this.output != null) {
			throw new ParameterException(Required.of(this.spec).commandLine(), "--output is only used with --repair");
		}
		if (this.output != null && this.output.toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize())) {
			throw new ParameterException(Required.of(this.spec).commandLine(),
					"--output must differ from --file (the damaged file is kept as it is)");
		}
		SsVerify.Report report = this.repair ? SsVerify.repair(path, Required.of(this.output)) : SsVerify.verify(path);
		StringBuilder text = new StringBuilder();
		for (SsVerify.Damage damage : report.damages()) {
			text.append("damaged: ").append(damage).append('\n');
		}
		text.append(report.intactMessages())
			.append(" intact messages, ")
			.append(report.damages().size())
			.append(" damaged regions")
			.append(report.endOfStream() ? ", ends with End-of-Stream" : "")
			.append('\n');
		if (this.repair) {
			text.append("repaired: wrote ")
				.append(report.intactMessages())
				.append(" messages to ")
				.append(this.output)
				.append('\n');
		}
		OutputStream out = SeaStreamerCommand.stdout();
		out.write(text.toString().getBytes(StandardCharsets.UTF_8));
		out.flush();
		return report.isClean() ? 0 : SeaStreamerCommand.ERROR;
	}

}
