package io.github.seastreamer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.seastreamer.spi.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stdio acceptance lines of the foundation issue, through the shaded jar.
 */
class StdioPipelineIntegrationTests {

	private static final Pattern RELAY_LINE = Pattern
		.compile("\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d \\| relay \\| (\\d+)\\] \\{ \"tick\": (\\d+) \\}");

	@TempDir
	Path dir;

	@Test
	void clockPipedIntoRelayPrintsAThousandRelayLinesInOrder() throws Exception {
		Cli.Result result = Cli.pipe(this.dir,
				Cli.command("clock", "--stream", "stdio:///clock", "--interval", "0s", "--count", "1000"),
				Cli.command("relay", "--input", "stdio:///clock", "--output", "stdio:///relay"));
		assertThat(result.code()).as(result.err()).isZero();
		List<String> lines = result.outLines();
		assertThat(lines).hasSize(1000);
		for (int n = 0; n < lines.size(); n++) {
			Matcher matcher = RELAY_LINE.matcher(lines.get(n));
			assertThat(matcher.matches()).as(lines.get(n)).isTrue();
			assertThat(Integer.parseInt(matcher.group(1))).isEqualTo(n);
			assertThat(Integer.parseInt(matcher.group(2))).isEqualTo(n);
		}
	}

	@Test
	void everyExampleLineOfTheStdioGrammarComesOutWithItsFields() throws Exception {
		String input = String.join("\n", "a plain, raw message", "[2022-01-01T00:00:00] { \"payload\": \"anything\" }",
				"[2022-01-01T00:00:00.123 | my_topic] \"a string payload\"",
				"[2022-01-01T00:00:00 | my-topic-2 | 123] [\"array\", \"of\", \"values\"]",
				"[2022-01-01T00:00:00 | my-topic-2 | 123 | 4] { \"payload\": \"anything\" }",
				"[my_topic] a string payload", "[my_topic | 123] { \"payload\": \"anything\" }",
				"[my_topic | 123 | 4] { \"payload\": \"anything\" }",
				"[2022-01-02T03:04:05.678 | my-fancy_topic.1] [\"array\", \"of\", \"values\"]") + "\n";
		Cli.Result result = Cli.run(this.dir, input.getBytes(StandardCharsets.UTF_8), "consume", "--stream",
				"stdio:///my_topic,my-topic-2,my-fancy_topic.1,broadcast", "--format", "ndjson");
		assertThat(result.code()).as(result.err()).isZero();
		List<String> lines = result.outLines();
		assertThat(lines).hasSize(9);
		assertLine(lines.get(0), "broadcast", 0, 0L, null, "\"a plain, raw message\"");
		assertLine(lines.get(1), "broadcast", 0, 1L, "2022-01-01T00:00:00.0", "{\"payload\":\"anything\"}");
		assertLine(lines.get(2), "my_topic", 0, 0L, "2022-01-01T00:00:00.123", "\"a string payload\"");
		assertLine(lines.get(3), "my-topic-2", 0, 123L, "2022-01-01T00:00:00.0", "[\"array\",\"of\",\"values\"]");
		assertLine(lines.get(4), "my-topic-2", 4, 123L, "2022-01-01T00:00:00.0", "{\"payload\":\"anything\"}");
		assertLine(lines.get(5), "my_topic", 0, 1L, null, "\"a string payload\"");
		assertLine(lines.get(6), "my_topic", 0, 123L, null, "{\"payload\":\"anything\"}");
		assertLine(lines.get(7), "my_topic", 4, 123L, null, "{\"payload\":\"anything\"}");
		assertLine(lines.get(8), "my-fancy_topic.1", 0, 0L, "2022-01-02T03:04:05.678", "[\"array\",\"of\",\"values\"]");
	}

	@Test
	void aMalformedLineIsReportedWithItsNumberAndTheLinesAfterItAreDelivered() throws Exception {
		String input = "[my_topic] one\n[my_topic] two\n[Jan 1, 2022] { \"payload\": \"anything\" }\n[my_topic] three\n"
				+ "[ ]\n[my_topic] four\r\n";
		Cli.Result result = Cli.run(this.dir, input.getBytes(StandardCharsets.UTF_8), "consume", "--stream",
				"stdio:///my_topic", "--format", "payload");
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.outLines()).containsExactly("one", "two", "three", "four");
		assertThat(result.errLines()).filteredOn((line) -> line.matches(".*\\bline 3\\b.*")).hasSize(1);
		assertThat(result.errLines()).filteredOn((line) -> line.matches(".*\\bline 5\\b.*")).hasSize(1);
		assertThat(result.errLines()).hasSize(2);
	}

	@Test
	void consumeStopsAfterCountEvenThoughStdinStaysOpen() throws Exception {
		Process process = new ProcessBuilder(
				Cli.command("consume", "--stream", "stdio:///k", "--count", "2", "--format", "payload"))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write("[k] a\n[k] b\n[k] c\n".getBytes(StandardCharsets.UTF_8));
			stdin.flush();
			assertThat(process.waitFor(Cli.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isZero();
			assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
		}
		finally {
			process.destroyForcibly();
		}
	}

	@Test
	void sigtermStopsConsumeAfterPrintingWhatItReceived() throws Exception {
		Path out = Files.createTempFile(this.dir, "out", ".txt");
		Process process = new ProcessBuilder(Cli.command("consume", "--stream", "stdio:///k", "--format", "payload"))
			.redirectOutput(out.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write("[k] a\n[k] b\n".getBytes(StandardCharsets.UTF_8));
			stdin.flush();
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).equals("a\nb\n"));
			process.destroy();
			assertThat(process.waitFor(Cli.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(143);
			assertThat(Files.readString(out)).isEqualTo("a\nb\n");
		}
		catch (IOException ex) {
			// stdin closes when the process exits; the assertions above are what matter
			assertThat(process.isAlive()).isFalse();
		}
		finally {
			process.destroyForcibly();
		}
	}

	@Test
	void sigtermStopsAnEndlessClockWithEveryLineComplete() throws Exception {
		Path out = Files.createTempFile(this.dir, "out", ".txt");
		Process process = new ProcessBuilder(Cli.command("clock", "--stream", "stdio:///tick", "--interval", "5ms"))
			.redirectOutput(out.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).lines().count() >= 3);
			process.destroy();
			assertThat(process.waitFor(Cli.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(143);
			String text = Files.readString(out);
			assertThat(text).endsWith("\n");
			List<String> lines = text.lines().toList();
			for (int n = 0; n < lines.size(); n++) {
				assertThat(lines.get(n)).endsWith("| tick | " + n + "] { \"tick\": " + n + " }");
			}
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static void assertLine(String line, String key, long shard, Long sequence, String timestamp,
			String payload) {
		Object parsed = Json.parse(line);
		assertThat(parsed).isInstanceOf(Map.class);
		Map<?, ?> object = (Map<?, ?>) parsed;
		Map<?, ?> header = (Map<?, ?>) object.get("header");
		assertThat(header.get("stream_key")).as(line).isEqualTo(key);
		assertThat(header.get("shard_id")).as(line).isEqualTo(new Json.UnsignedLong(shard));
		assertThat(header.get("sequence")).as(line).isEqualTo(new Json.UnsignedLong(sequence));
		if (timestamp != null) {
			assertThat(header.get("timestamp")).as(line).isEqualTo(timestamp);
		}
		else {
			assertThat((String) header.get("timestamp")).as(line)
				.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+");
		}
		StringBuilder actual = new StringBuilder();
		Json.write(actual, object.get("payload"));
		assertThat(actual.toString()).as(line).isEqualTo(payload);
	}

}
