package io.github.seastreamer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sea-streamer decode} through the shaded jar prints each fixture's expected log
 * exactly.
 */
class DecodeIntegrationTests {

	@TempDir
	Path dir;

	static List<Path> fixtures() throws IOException {
		return DecodeVerifyCommandTests.fixtures();
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void decodeThroughTheJarPrintsTheExpectedLog(Path ss) throws Exception {
		Path jar = Path.of(System.getProperty("seastreamer.cli.jar", "target/sea-streamer.jar"));
		assertThat(jar).as("the shaded jar (run with `mvn verify`)").exists();
		Path out = this.dir.resolve("out.txt");
		Path err = this.dir.resolve("err.txt");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:+UseSerialGC", "-jar", jar.toString(), "decode", "--file", ss.toString())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		try {
			assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("finished in time").isTrue();
			assertThat(process.exitValue()).as(Files.readString(err)).isZero();
			assertThat(Files.readString(out, StandardCharsets.UTF_8))
				.isEqualTo(Files.readString(DecodeVerifyCommandTests.expected(ss, ".expected-ss-decode.log")));
		}
		finally {
			process.destroyForcibly();
		}
	}

}
