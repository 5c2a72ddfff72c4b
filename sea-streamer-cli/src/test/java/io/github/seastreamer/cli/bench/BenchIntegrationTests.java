package io.github.seastreamer.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench} on stdio through the shaded jar (a short run: a test, not the benchmark).
 */
class BenchIntegrationTests {

	private static final String RESULT = "RESULT backend=stdio messages=20000 size=256 produce_msg_s=\\d+ consume_msg_s=\\d+"
			+ " raw_produce_msg_s=\\d+ raw_consume_msg_s=\\d+ produce_ratio=\\d+\\.\\d{3} consume_ratio=\\d+\\.\\d{3}";

	@TempDir
	Path dir;

	@Test
	void stdioBenchPrintsOneWellFormedResultLine() throws Exception {
		Path jar = Path.of(System.getProperty("seastreamer.cli.jar", "target/sea-streamer.jar"));
		Path out = this.dir.resolve("out.txt");
		Path err = this.dir.resolve("err.txt");
		Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "bench", "--stream", "stdio:///bench", "--messages", "20000"))
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		try {
			assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(Files.readString(err)).isZero();
			List<String> lines = Files.readAllLines(out);
			assertThat(lines).singleElement().asString().matches(RESULT);
			assertThat(Files.readString(err)).contains("SeaStreamer produce")
				.contains("raw client")
				// neither side keeps the first (or second) place in every round
				.contains("round 1 (SeaStreamer first)")
				.contains("round 2 (raw first)")
				.contains("round 4 (raw first)");
		}
		finally {
			process.destroyForcibly();
		}
	}

}
