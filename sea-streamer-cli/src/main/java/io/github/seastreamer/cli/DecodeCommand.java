package io.github.seastreamer.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.seastreamer.file.tools.SsDecode;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code decode}: prints a {@code .ss} file as the Rust {@code ss-decode} does, in
 * {@code log} or {@code ndjson} format, from the first message to End-of-Stream or the
 * end of the file.
 *
 * <p>
 * Exit codes: 0 when the file was read to its end (a truncated tail is reported on
 * standard error as ss-decode does: "The file might have been truncated."); 1 when the
 * file is damaged or not a {@code .ss} file (the error names the offset).
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
		description = "Print the messages of a .ss file (as ss-decode does).")
final class DecodeCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--file", required = true, paramLabel = "FILE", description = "The .ss file to decode.")
	@Nullable Path file;

	@Option(names = "--format", defaultValue = "log", paramLabel = "FORMAT",
			description = "log or ndjson (default ${DEFAULT-VALUE}).")
	String format = "log";

	@Option(names = "--header-only", description = "Leave the payloads out.")
	boolean headerOnly;

	@Override
	public Integer call() throws Exception {
		Path path = Required.of(this.file);
		SsDecode.Format decodeFormat = switch (this.format) {
			case "log" -> SsDecode.Format.LOG;
			case "ndjson" -> SsDecode.Format.NDJSON;
			default -> throw new picocli.CommandLine.ParameterException(Required.of(this.spec).commandLine(),
					"--format must be log or ndjson, was " + this.format);
		};
		OutputStream out = new BufferedOutputStream(SeaStreamerCommand.stdout(), 1 << 16);
		SsDecode.Result result = SsDecode.decode(path, out, decodeFormat, this.headerOnly);
		out.flush();
		if (!result.endOfStream() && result.trailingBytes() > 0) {
			System.err.println("The file might have been truncated: " + result.trailingBytes()
					+ " bytes after the last complete message.");
		}
		return 0;
	}

}
