package io.github.seastreamer.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command through the shaded jar and the launcher, on backends that need no server.
 */
class CommandIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void unknownSchemeExitsNonZeroListingTheAvailableSchemes() throws Exception {
		Cli.Result result = Cli.run(this.dir, new byte[0], "consume", "--stream", "bogus://x/a");
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.out()).isEmpty();
		assertThat(result.errLines()).singleElement()
			.asString()
			.startsWith("Error: ")
			.contains("bogus")
			.contains("available schemes:")
			.contains("stdio")
			.contains("file")
			.contains("redis")
			.contains("kafka");
	}

	@Test
	void clockThenConsumeThroughAFileGivesTheTicksInOrder() throws Exception {
		Path file = Files.createFile(this.dir.resolve("clock.ss"));
		String url = "file://" + file + "/clock";
		Cli.Result clock = Cli.run(this.dir, new byte[0], "clock", "--stream", url, "--interval", "0s", "--count",
				"100");
		assertThat(clock.code()).as(clock.err()).isZero();
		Cli.Result consume = Cli.run(this.dir, new byte[0], "consume", "--stream", url, "--offset", "start", "--count",
				"100", "--format", "payload");
		assertThat(consume.code()).as(consume.err()).isZero();
		assertThat(consume.outLines()).hasSize(100);
		for (int i = 0; i < 100; i++) {
			assertThat(consume.outLines().get(i)).isEqualTo("{ \"tick\": " + i + " }");
		}
	}

	@Test
	void produceFromStdinThenResumableConsumeContinuesWhereItCommitted() throws Exception {
		Path file = Files.createFile(this.dir.resolve("lines.ss"));
		String url = "file://" + file + "/lines";
		Cli.Result produce = Cli.run(this.dir, "a\r\nb\nc\nd".getBytes(StandardCharsets.UTF_8), "produce", "--stream",
				url);
		assertThat(produce.code()).as(produce.err()).isZero();
		String[] consume = { "consume", "--stream", url, "--mode", "resumable", "--group", "g", "--offset", "start",
				"--count", "2", "--format", "payload" };
		assertThat(Cli.run(this.dir, new byte[0], consume).outLines()).containsExactly("a", "b");
		assertThat(Cli.run(this.dir, new byte[0], consume).outLines()).containsExactly("c", "d");
	}

	@Test
	void launcherRunsTheJarFromAnyDirectory() throws Exception {
		Path launcher = Cli.jar().toAbsolutePath().getParent().getParent().getParent().resolve("sea-streamer");
		assertThat(launcher).isExecutable();
		Process process = new ProcessBuilder(List.of(launcher.toString(), "--version")).directory(this.dir.toFile())
			.redirectErrorStream(true)
			.start();
		try {
			assertThat(process.waitFor(Cli.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.startsWith("sea-streamer ");
			assertThat(process.exitValue()).isZero();
		}
		finally {
			process.destroyForcibly();
		}
	}

}
