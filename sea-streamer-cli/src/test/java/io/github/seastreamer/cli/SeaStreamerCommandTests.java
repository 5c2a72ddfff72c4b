package io.github.seastreamer.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line run in this JVM, on the in-memory backend ({@code mem://}), which
 * streamers of one JVM share.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeaStreamerCommandTests {

	private static int broker;

	private final String mem = "mem://cli-test-" + (++broker) + "-" + System.nanoTime();

	@Test
	void versionPrintsTheVersion() {
		Result result = run("--version");
		assertThat(result.code).isZero();
	}

	@Test
	void withoutSubcommandItFailsWithOneLineListingThem() {
		Result result = run();
		assertThat(result.code).isEqualTo(SeaStreamerCommand.USAGE);
		assertThat(result.errLines()).singleElement()
			.asString()
			.startsWith("Error: Missing subcommand: one of clock, relay, produce, consume, bench");
	}

	@Test
	void unknownOptionFailsWithOneLine() {
		Result result = run("consume", "--stream", this.mem + "/a", "--bogus");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.USAGE);
		assertThat(result.errLines()).singleElement()
			.asString()
			.contains("--bogus")
			.contains("sea-streamer consume --help");
	}

	@Test
	void missingRequiredOptionFailsWithOneLine() {
		Result result = run("relay", "--input", this.mem + "/a");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("--output");
	}

	@Test
	void badValuesFailWithOneLineNamingTheProblem() {
		assertThat(run("consume", "--stream", this.mem + "/a", "--mode", "fast").errLines()).singleElement()
			.asString()
			.contains("unknown mode `fast`");
		assertThat(run("consume", "--stream", this.mem + "/a", "--offset", "middle").errLines()).singleElement()
			.asString()
			.contains("unknown Offset `middle`");
		assertThat(run("consume", "--stream", this.mem + "/a", "--format", "xml").errLines()).singleElement()
			.asString()
			.contains("Invalid Format `xml`");
		assertThat(run("consume", "--stream", this.mem + "/a", "--rewind", "-1").errLines()).singleElement()
			.asString()
			.contains("invalid sequence number `-1`");
		assertThat(run("consume", "--stream", this.mem + "/a", "--seek", "yesterday").errLines()).singleElement()
			.asString()
			.contains("cannot read `yesterday` as a time");
		assertThat(run("clock", "--stream", this.mem + "/a", "--interval", "1h").errLines()).singleElement()
			.asString()
			.contains("Failed to parse 1h as Duration");
		Result negative = run("clock", "--stream", this.mem + "/a", "--count", "-1");
		assertThat(negative.code).isEqualTo(SeaStreamerCommand.USAGE);
		assertThat(negative.errLines()).singleElement().asString().contains("--count must not be negative");
	}

	@Test
	void malformedUrlFailsWithTheUrlError() {
		Result result = run("consume", "--stream", "redis://localhost");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("StreamUrlErr");
	}

	@Test
	void passwordsInUrlsAreMaskedInErrors() {
		Result result = run("consume", "--stream", "bogus://user:secret@host/a");
		assertThat(result.err).doesNotContain("secret");
		assertThat(result.code).isNotZero();
	}

	@Test
	void unknownSchemeFailsListingTheAvailableSchemes() {
		Result result = run("consume", "--stream", "bogus://x/a");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.ERROR);
		assertThat(result.errLines()).singleElement()
			.asString()
			.startsWith("Error: ")
			.contains("bogus")
			.contains("available schemes")
			.contains("mem")
			.contains("file");
	}

	@Test
	void urlWithoutKeyFailsSayingSo() {
		Result result = run("consume", "--stream", this.mem + "/");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.ERROR);
		assertThat(result.errLines()).singleElement().asString().contains("names no stream");
	}

	@Test
	void clockSendsTicksThatConsumePrintsInOrder() {
		assertThat(run("clock", "--stream", this.mem + "/clock", "--interval", "0s", "--count", "5").code).isZero();
		Result result = run("consume", "--stream", this.mem + "/clock", "--offset", "start", "--count", "5", "--format",
				"payload");
		assertThat(result.code).isZero();
		assertThat(result.outLines()).containsExactly("{ \"tick\": 0 }", "{ \"tick\": 1 }", "{ \"tick\": 2 }",
				"{ \"tick\": 3 }", "{ \"tick\": 4 }");
	}

	@Test
	void clockWithAnIntervalSendsEveryTick() {
		assertThat(run("clock", "--stream", this.mem + "/slow", "--interval", "1ms", "--count", "3").code).isZero();
		assertThat(run("consume", "--stream", this.mem + "/slow", "--offset", "start", "--count", "3", "--format",
				"payload")
			.outLines()).containsExactly("{ \"tick\": 0 }", "{ \"tick\": 1 }", "{ \"tick\": 2 }");
	}

	@Test
	void consumePrintsLogAndNdjsonLines() {
		run("clock", "--stream", this.mem + "/fmt", "--interval", "0s", "--count", "2");
		assertThat(run("consume", "--stream", this.mem + "/fmt", "--offset", "start", "--count", "2").outLines())
			.satisfiesExactly((line) -> assertThat(line).matches(
					"\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+ \\| fmt \\| 1 \\| 0\\] \\{ \"tick\": 0 \\}"),
					(line) -> assertThat(line).matches("\\[[^|]+ \\| fmt \\| 2 \\| 0\\] \\{ \"tick\": 1 \\}"));
		assertThat(
				run("consume", "--stream", this.mem + "/fmt", "--offset", "start", "--count", "1", "--format", "ndjson")
					.outLines())
			.singleElement()
			.asString()
			.matches(
					"\\{\"header\":\\{\"stream_key\":\"fmt\",\"shard_id\":0,\"sequence\":1,\"timestamp\":\"[^\"]+\"\\},"
							+ "\"payload\":\\{\"tick\":0\\}\\}");
	}

	@Test
	void produceSendsEveryStdinLineHandlingCrLfAndALastLineWithoutBreak() {
		Result produced = runWithStdin("first\r\nsecond\n\nthird", "produce", "--stream", this.mem + "/lines");
		assertThat(produced.code).isZero();
		Result result = run("consume", "--stream", this.mem + "/lines", "--offset", "start", "--count", "4", "--format",
				"ndjson");
		assertThat(result.outLines()).extracting((line) -> line.substring(line.indexOf(",\"payload\":") + 11))
			.containsExactly("\"first\"}", "\"second\"}", "\"\"}", "\"third\"}");
	}

	@Test
	void resumableConsumeCommitsWhatItPrintedSoTheNextRunContinues() {
		run("clock", "--stream", this.mem + "/res", "--interval", "0s", "--count", "6");
		String[] args = { "consume", "--stream", this.mem + "/res", "--mode", "resumable", "--group", "g", "--offset",
				"start", "--count", "3", "--format", "payload" };
		assertThat(run(args).outLines()).containsExactly("{ \"tick\": 0 }", "{ \"tick\": 1 }", "{ \"tick\": 2 }");
		assertThat(run(args).outLines()).containsExactly("{ \"tick\": 3 }", "{ \"tick\": 4 }", "{ \"tick\": 5 }");
	}

	@Test
	void realtimeConsumeDoesNotCommit() {
		run("clock", "--stream", this.mem + "/rt", "--interval", "0s", "--count", "2");
		String[] args = { "consume", "--stream", this.mem + "/rt", "--offset", "start", "--count", "1", "--format",
				"payload" };
		assertThat(run(args).outLines()).containsExactly("{ \"tick\": 0 }");
		assertThat(run(args).outLines()).containsExactly("{ \"tick\": 0 }");
	}

	@Test
	void rewindStartsAtTheSequence() {
		run("clock", "--stream", this.mem + "/rw", "--interval", "0s", "--count", "5");
		assertThat(run("consume", "--stream", this.mem + "/rw", "--rewind", "4", "--count", "2", "--format", "payload")
			.outLines()).containsExactly("{ \"tick\": 3 }", "{ \"tick\": 4 }");
	}

	@Test
	void relayCopiesPayloadsUnchangedWithinTheTimeRangeThenStops() throws Exception {
		try (Streamer streamer = SeaStreamer.connect(this.mem)) {
			Producer producer = streamer.createProducer(StreamKey.of("in"));
			producer.send("before").get(5, TimeUnit.SECONDS);
			MessageHeader first = producer.send("{\"b\": 1,  \"a\": 2}").get(5, TimeUnit.SECONDS);
			producer.send("binary\u0000ok").get(5, TimeUnit.SECONDS);
			MessageHeader last = producer.send("last").get(5, TimeUnit.SECONDS);
			Instant until = last.timestamp();
			while (!Instant.now().isAfter(until)) {
				Thread.onSpinWait();
			}
			producer.send("after").get(5, TimeUnit.SECONDS);
			Result relay = run("relay", "--input", this.mem + "/in", "--output", this.mem + "/out", "--offset", "start",
					"--since", first.timestamp().toString(), "--until", until.toString());
			assertThat(relay.code).as(relay.err).isZero();
		}
		Result result = run("consume", "--stream", this.mem + "/out", "--offset", "start", "--count", "3", "--format",
				"payload");
		assertThat(result.outLines()).containsExactly("{\"b\": 1,  \"a\": 2}", "binary\u0000ok", "last");
	}

	@Test
	void relayOfAStoredStreamIntoItselfIsRefused() {
		Result result = run("relay", "--input", this.mem + "/x", "--output", this.mem + "/x");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.ERROR);
		assertThat(result.errLines()).singleElement().asString().contains("input == output");
	}

	@Test
	void relayToSeveralOutputStreamsIsRefused() {
		Result result = run("relay", "--input", this.mem + "/x", "--output", this.mem + "/y,z");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.ERROR);
		assertThat(result.errLines()).singleElement().asString().contains("exactly one stream");
	}

	@Test
	void benchWithoutABaselineForTheSchemeSaysWhichExist() {
		Result result = run("bench", "--stream", this.mem + "/b", "--messages", "10");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.ERROR);
		assertThat(result.errLines()).last().asString().contains("no raw baseline for `mem`").contains("stdio");
	}

	@Test
	void verboseErrorsCarryTheStackTrace() {
		Result result = run("--verbose", "consume", "--stream", "bogus://x/a");
		assertThat(result.code).isEqualTo(SeaStreamerCommand.ERROR);
		assertThat(result.err).contains("\tat ");
	}

	private Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StringWriter err = new StringWriter();
		int code = SeaStreamerCommand.run(out, new PrintWriter(err, true), args);
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
	}

	private Result runWithStdin(String stdin, String... args) {
		InputStream saved = System.in;
		System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
		try {
			return run(args);
		}
		finally {
			System.setIn(saved);
		}
	}

	private record Result(int code, String out, String err) {

		List<String> outLines() {
			return this.out.isEmpty() ? List.of()
					: List.of(this.out.split("\n", -1)).subList(0, this.out.split("\n", -1).length - 1);
		}

		List<String> errLines() {
			return this.err.lines().toList();
		}

	}

}
