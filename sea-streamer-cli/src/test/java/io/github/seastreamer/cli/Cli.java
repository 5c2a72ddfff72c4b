package io.github.seastreamer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shaded jar ({@code target/sea-streamer.jar}) as child processes for the
 * integration tests; every process is bounded by a timeout and destroyed at the end.
 */
final class Cli {

	static final Duration TIMEOUT = Duration.ofSeconds(90);

	private Cli() {
	}

	static Path jar() {
		Path jar = Path.of(System.getProperty("seastreamer.cli.jar", "target/sea-streamer.jar"));
		assertThat(jar).as("the shaded jar (run with `mvn verify`)").exists();
		return jar;
	}

	static List<String> command(String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xshare:auto");
		command.add("-XX:+UseSerialGC");
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * Run one command with the given stdin.
	 */
	static Result run(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
		Path in = Files.write(Files.createTempFile(dir, "stdin", ".txt"), stdin);
		Path out = Files.createTempFile(dir, "stdout", ".txt");
		Path err = Files.createTempFile(dir, "stderr", ".txt");
		Process process = new ProcessBuilder(command(args)).redirectInput(in.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		try {
			assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("finished in time").isTrue();
			return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		finally {
			process.destroyForcibly();
		}
	}

	/**
	 * Run {@code first | second}; the result is the second one's, with both stderr.
	 */
	static Result pipe(Path dir, List<String> first, List<String> second) throws IOException, InterruptedException {
		Path out = Files.createTempFile(dir, "stdout", ".txt");
		Path err1 = Files.createTempFile(dir, "stderr1", ".txt");
		Path err2 = Files.createTempFile(dir, "stderr2", ".txt");
		ProcessBuilder a = new ProcessBuilder(first)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.redirectError(err1.toFile());
		ProcessBuilder b = new ProcessBuilder(second).redirectOutput(out.toFile()).redirectError(err2.toFile());
		List<Process> processes = ProcessBuilder.startPipeline(List.of(a, b));
		try {
			for (Process process : processes) {
				assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("finished in time").isTrue();
			}
			assertThat(processes.get(0).exitValue()).as(Files.readString(err1)).isZero();
			return new Result(processes.get(1).exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err1, StandardCharsets.UTF_8) + Files.readString(err2, StandardCharsets.UTF_8));
		}
		finally {
			for (Process process : processes) {
				process.destroyForcibly();
			}
		}
	}

	record Result(int code, String out, String err) {

		List<String> outLines() {
			return this.out.lines().toList();
		}

		List<String> errLines() {
			return this.err.lines().toList();
		}

	}

}
