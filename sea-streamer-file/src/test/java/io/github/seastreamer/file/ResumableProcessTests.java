package io.github.seastreamer.file;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resumable consumer in a child JVM commits message k and is killed; a new child
 * resumes with k + 1.
 */
class ResumableProcessTests {

	@TempDir
	Path dir;

	private static Process child(String... args) throws Exception {
		List<String> command = new java.util.ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-cp",
						System.getProperty("java.class.path"), ResumableChild.class.getName()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
	}

	private static String firstLine(Process process) throws Exception {
		CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				return reader.readLine();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		return line.get(60, TimeUnit.SECONDS);
	}

	@Test
	void killedConsumerResumesAfterItsLastCommitInANewProcess() throws Exception {
		Path file = this.dir.resolve("jobs.ss");
		try (Streamer streamer = SeaStreamer.connect("file://" + file)) {
			Producer producer = streamer.createProducer(StreamKey.of("jobs"));
			for (int i = 1; i <= 20; i++) {
				producer.send("job-" + i);
			}
			producer.flush().get(10, TimeUnit.SECONDS);
		}
		Process first = child("commit", file.toString(), "7");
		try {
			assertThat(firstLine(first)).isEqualTo("COMMITTED 7");
		}
		finally {
			first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		assertThat(file.resolveSibling("jobs.ss.workers.offsets")).content().contains("jobs 0 7");
		Process second = child("next", file.toString());
		try {
			assertThat(firstLine(second)).isEqualTo("NEXT 8 job-8");
			assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			second.destroyForcibly();
		}
	}

}
