package io.github.seastreamer.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs two child JVMs of this jar's class path connected by an OS pipe (the first one's
 * stdout into the second one's stdin), each running {@link BenchWorker}, and collects the
 * nanoseconds each one measured. Both children of every pipeline get the same JVM flags,
 * so the SeaStreamer and the raw pipelines run under equal conditions.
 *
 * <p>
 * Blocks the calling thread until both children exit or the timeout passes (then both are
 * destroyed and an error is thrown).
 */
final class ChildPipeline {

	/** The JVM flags of every child. */
	static final List<String> JVM_FLAGS = List.of("-Xshare:auto", "-XX:+UseSerialGC",
			"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.logFile=System.err");

	private ChildPipeline() {
	}

	/**
	 * Run {@code writer | reader}.
	 * @param writerArgs the {@link BenchWorker} arguments of the writing child, without
	 * the result file
	 * @param readerArgs the {@link BenchWorker} arguments of the reading child, without
	 * the result file
	 * @param timeout the longest the pipeline may take
	 * @return the nanoseconds measured by the writer and by the reader
	 * @throws IOException if a child cannot be started, fails or times out
	 * @throws InterruptedException if interrupted while waiting
	 */
	static long[] run(List<String> writerArgs, List<String> readerArgs, Duration timeout)
			throws IOException, InterruptedException {
		Path dir = Files.createTempDirectory("sea-streamer-bench");
		Path writerResult = dir.resolve("writer.result");
		Path readerResult = dir.resolve("reader.result");
		Path writerErr = dir.resolve("writer.err");
		Path readerErr = dir.resolve("reader.err");
		ProcessBuilder writer = new ProcessBuilder(command(writerArgs, writerResult))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.redirectError(writerErr.toFile());
		ProcessBuilder reader = new ProcessBuilder(command(readerArgs, readerResult))
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(readerErr.toFile());
		List<Process> processes = ProcessBuilder.startPipeline(List.of(writer, reader));
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			for (Process process : processes) {
				long left = deadline - System.nanoTime();
				if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
					throw new IOException("bench child pipeline did not finish within " + timeout.toSeconds() + " s");
				}
			}
			check(processes.get(0), "writer " + writerArgs.get(0), writerErr);
			check(processes.get(1), "reader " + readerArgs.get(0), readerErr);
			return new long[] { readNanos(writerResult), readNanos(readerResult) };
		}
		finally {
			for (Process process : processes) {
				process.destroyForcibly();
			}
			for (Path file : List.of(writerResult, readerResult, writerErr, readerErr)) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(dir);
		}
	}

	private static List<String> command(List<String> args, Path result) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_FLAGS);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(BenchWorker.class.getName());
		command.addAll(args);
		command.add(result.toString());
		return command;
	}

	private static void check(Process process, String what, Path err) throws IOException {
		if (process.exitValue() != 0) {
			String text = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8).strip() : "";
			String[] lines = text.split("\n");
			String last = (lines.length > 0) ? lines[lines.length - 1] : "";
			throw new IOException("bench " + what + " child exited with " + process.exitValue()
					+ (last.isEmpty() ? "" : ": " + last));
		}
	}

	private static long readNanos(Path result) throws IOException {
		return Long.parseLong(Files.readString(result, StandardCharsets.US_ASCII).strip());
	}

}
