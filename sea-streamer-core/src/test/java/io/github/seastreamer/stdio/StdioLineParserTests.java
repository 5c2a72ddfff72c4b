package io.github.seastreamer.stdio;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.seastreamer.StreamKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The input line grammar of the stdio backend: every example of the spec (stdio.md §1.2)
 * and every consequence listed under §1.1.
 */
class StdioLineParserTests {

	private static final Instant JAN_1 = Instant.parse("2022-01-01T00:00:00Z");

	private static StdioLine line(Instant timestamp, String key, Long sequence, Long shard, String payload) {
		return new StdioLine(timestamp, (key != null) ? StreamKey.of(key) : null, sequence, shard, payload);
	}

	// ---- the valid examples of §1.2 ----

	@Test
	void plainLineIsRawBroadcastWithWholePayload() {
		assertThat(StdioLineParser.parse("a plain, raw message"))
			.isEqualTo(line(null, null, null, null, "a plain, raw message"));
	}

	@Test
	void timestampOnlyMetaGivesTimestampAndTrimmedPayload() {
		assertThat(StdioLineParser.parse("[2022-01-01T00:00:00] { \"payload\": \"anything\" }"))
			.isEqualTo(line(JAN_1, null, null, null, "{ \"payload\": \"anything\" }"));
	}

	@Test
	void timestampWithFractionAndKey() {
		assertThat(StdioLineParser.parse("[2022-01-01T00:00:00.123 | my_topic] \"a string payload\""))
			.isEqualTo(line(Instant.parse("2022-01-01T00:00:00.123Z"), "my_topic", null, null, "\"a string payload\""));
	}

	@Test
	void timestampKeyAndSequence() {
		assertThat(StdioLineParser.parse("[2022-01-01T00:00:00 | my-topic-2 | 123] [\"array\", \"of\", \"values\"]"))
			.isEqualTo(line(JAN_1, "my-topic-2", 123L, null, "[\"array\", \"of\", \"values\"]"));
	}

	@Test
	void timestampKeySequenceAndShard() {
		assertThat(StdioLineParser.parse("[2022-01-01T00:00:00 | my-topic-2 | 123 | 4] { \"payload\": \"anything\" }"))
			.isEqualTo(line(JAN_1, "my-topic-2", 123L, 4L, "{ \"payload\": \"anything\" }"));
	}

	@Test
	void keyOnly() {
		assertThat(StdioLineParser.parse("[my_topic] a string payload"))
			.isEqualTo(line(null, "my_topic", null, null, "a string payload"));
	}

	@Test
	void keyAndSequenceWithoutTimestamp() {
		assertThat(StdioLineParser.parse("[my_topic | 123] { \"payload\": \"anything\" }"))
			.isEqualTo(line(null, "my_topic", 123L, null, "{ \"payload\": \"anything\" }"));
	}

	@Test
	void keySequenceAndShardWithoutTimestamp() {
		assertThat(StdioLineParser.parse("[my_topic | 123 | 4] { \"payload\": \"anything\" }"))
			.isEqualTo(line(null, "my_topic", 123L, 4L, "{ \"payload\": \"anything\" }"));
	}

	@Test
	void keyWithDotDashAndUnderscoreAfterMillisecondTimestamp() {
		assertThat(
				StdioLineParser.parse("[2022-01-02T03:04:05.678 | my-fancy_topic.1] [\"array\", \"of\", \"values\"]"))
			.isEqualTo(line(Instant.parse("2022-01-02T03:04:05.678Z"), "my-fancy_topic.1", null, null,
					"[\"array\", \"of\", \"values\"]"));
	}

	@Test
	void numericPayloadAfterTimestampIsAcceptedAsTheCodeDoes() {
		assertThat(StdioLineParser.parse("[2022-01-01T00:00:00] 12345"))
			.isEqualTo(line(JAN_1, null, null, null, "12345"));
	}

	// ---- the invalid examples of §1.2 ----

	@Test
	void dateInProseIsAnUnknownPartNamedInTheError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StdioLineParser.parse("[Jan 1, 2022] { \"payload\": \"anything\" }"))
			.withMessage("cannot parse meta `[Jan 1, 2022]`: unknown part `Jan 1, 2022`");
	}

	@Test
	void blankMetaIsAnEmptyPart() {
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[ ]"))
			.withMessage("cannot parse meta `[ ]`: empty part");
	}

	// ---- consequences listed in §1.1 ----

	@Test
	void numericOnlyFirstPartIsAStreamKey() {
		assertThat(StdioLineParser.parse("[123] x")).isEqualTo(line(null, "123", null, null, "x"));
	}

	@Test
	void numericPartAfterTimestampIsAStreamKey() {
		assertThat(StdioLineParser.parse("[2022-01-01T00:00:00 | 123] x"))
			.isEqualTo(line(JAN_1, "123", null, null, "x"));
	}

	@Test
	void timestampAfterTheKeyIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[k | 2022-01-01T00:00:00] x"))
			.withMessageContaining("unknown part `2022-01-01T00:00:00`");
	}

	@Test
	void secondTimestampIsAnError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StdioLineParser.parse("[2022-01-01T00:00:00 | 2022-01-01T00:00:01] x"))
			.withMessageContaining("unknown part `2022-01-01T00:00:01`");
	}

	@Test
	void secondKeyIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[a | b]"))
			.withMessage("cannot parse meta `[a | b]`: unknown part `b`");
	}

	@Test
	void partAfterTheShardIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[a | 1 | 2 | 3]"))
			.withMessage("cannot parse meta `[a | 1 | 2 | 3]`: unknown part `3`");
	}

	@Test
	void fieldsAreTrimmedOfSpacesAroundBars() {
		assertThat(StdioLineParser.parse("[  a|1   |\t2 ] p")).isEqualTo(line(null, "a", 1L, 2L, "p"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2022-13-01T00:00:00", "2022-00-01T00:00:00", "2022-02-30T00:00:00", "2023-02-29T00:00:00",
			"2022-04-31T00:00:00", "2022-01-01T24:00:00", "2022-01-01T00:60:00", "2022-01-01T00:00:60",
			"2022-1-01T00:00:00", "2022-01-1T00:00:00", "2022-01-01 00:00:00", "2022-01-01T00:00:00Z",
			"2022-01-01T00:00:00+00:00", "2022-01-01T00:00:00.", "2022-01-01T00:00:00.1234567890",
			"2022-01-01T00:00:00,5", "22-01-01T00:00:00" })
	void malformedOrOutOfRangeTimestampIsAnError(String timestamp) {
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[" + timestamp + "] x"))
			.withMessageContaining("unknown part `" + timestamp + "`");
	}

	@Test
	void leapDayAndEveryFractionLengthAreTimestamps() {
		assertThat(StdioLineParser.parse("[2024-02-29T23:59:59] x").timestamp())
			.isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
		assertThat(StdioLineParser.parse("[2022-01-01T00:00:00.1] x").timestamp())
			.isEqualTo(Instant.parse("2022-01-01T00:00:00.1Z"));
		assertThat(StdioLineParser.parse("[2022-01-01T00:00:00.123456789] x").timestamp())
			.isEqualTo(Instant.parse("2022-01-01T00:00:00.123456789Z"));
	}

	@Test
	void emptyBracketsAreARawLine() {
		assertThat(StdioLineParser.parse("[]")).isEqualTo(line(null, null, null, null, "[]"));
		assertThat(StdioLineParser.parse("[] x")).isEqualTo(line(null, null, null, null, "[] x"));
	}

	@Test
	void unclosedBracketIsARawLine() {
		assertThat(StdioLineParser.parse("[abc")).isEqualTo(line(null, null, null, null, "[abc"));
	}

	@Test
	void bracketAfterLeadingSpaceIsARawLineKeptUntrimmed() {
		assertThat(StdioLineParser.parse(" [a] x ")).isEqualTo(line(null, null, null, null, " [a] x "));
	}

	@Test
	void onlyTheFirstBracketGroupIsMeta() {
		assertThat(StdioLineParser.parse("[a] [b] c")).isEqualTo(line(null, "a", null, null, "[b] c"));
	}

	@Test
	void payloadNeedsNoSpaceAfterTheMetaAndIsTrimmed() {
		assertThat(StdioLineParser.parse("[a]x")).isEqualTo(line(null, "a", null, null, "x"));
		assertThat(StdioLineParser.parse("[a]   x  ")).isEqualTo(line(null, "a", null, null, "x"));
		assertThat(StdioLineParser.parse("[a]")).isEqualTo(line(null, "a", null, null, ""));
	}

	@Test
	void keyOf249CharactersIsAcceptedAndOf250IsAnError() {
		String longest = "k".repeat(249);
		assertThat(StdioLineParser.parse("[" + longest + "] x").streamKey()).isEqualTo(StreamKey.of(longest));
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[" + longest + "k] x"))
			.withMessageContaining("unknown part");
	}

	@Test
	void keyWithCharactersOutsideThePatternIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[my/topic] x"))
			.withMessageContaining("unknown part `my/topic`");
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[tøpic] x"))
			.withMessageContaining("unknown part `tøpic`");
	}

	@Test
	void emptyLineIsARawMessageWithEmptyPayload() {
		assertThat(StdioLineParser.parse("")).isEqualTo(line(null, null, null, null, ""));
	}

	@Test
	void rawPayloadKeepsTrailingWhiteSpaceAndMetaPayloadLosesIt() {
		assertThat(StdioLineParser.parse("raw\r").payload()).isEqualTo("raw\r");
		assertThat(StdioLineParser.parse("[k] meta\r").payload()).isEqualTo("meta");
	}

	@Test
	void sequenceAcceptsALeadingPlusAndTheWholeUnsignedRange() {
		assertThat(StdioLineParser.parse("[a | +5] x").sequence()).isEqualTo(5L);
		assertThat(StdioLineParser.parse("[a | 18446744073709551615 | 007] x"))
			.isEqualTo(line(null, "a", -1L, 7L, "x"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+", "-1", "18446744073709551616", "99999999999999999999", "1.5", "0x10", "1 2" })
	void sequenceThatIsNotAnUnsigned64BitNumberIsAnError(String sequence) {
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[a | " + sequence + "] x"))
			.withMessageContaining("unknown part `" + sequence + "`");
	}

	@Test
	void shardThatIsNotANumberIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> StdioLineParser.parse("[a | 1 | b] x"))
			.withMessageContaining("unknown part `b`");
	}

	@Test
	void unicodeWhiteSpaceIsTrimmedAsRustTrims() {
		assertThat(StdioLineParser.parse("[\u00A0a\u3000 | \u20021] \u2003x\u0085"))
			.isEqualTo(line(null, "a", 1L, null, "x"));
	}

	@Test
	void multiByteTextSurvivesInThePayload() {
		assertThat(StdioLineParser.parse("[k] héllo 日本 \uD83D\uDE80").payload()).isEqualTo("héllo 日本 \uD83D\uDE80");
	}

	@Test
	void cachedKeyAndSecondDoNotLeakIntoTheNextLine() {
		StdioLineParser parser = new StdioLineParser();
		StdioLineParser.Result result = new StdioLineParser.Result();
		String[] lines = { "[2022-01-01T00:00:00.5 | a] 1", "[2022-01-01T00:00:00.25 | a] 2",
				"[2022-01-01T00:00:01 | ab] 3", "[2022-01-01T00:00:00 | a] 4", "[b] 5" };
		Instant[] timestamps = { Instant.parse("2022-01-01T00:00:00.5Z"), Instant.parse("2022-01-01T00:00:00.25Z"),
				Instant.parse("2022-01-01T00:00:01Z"), JAN_1, null };
		String[] keys = { "a", "a", "ab", "a", "b" };
		for (int i = 0; i < lines.length; i++) {
			byte[] bytes = lines[i].getBytes(StandardCharsets.UTF_8);
			assertThat(parser.parse(bytes, 0, bytes.length, result)).isTrue();
			assertThat(result.timestamp).as("timestamp of line %d", i).isEqualTo(timestamps[i]);
			assertThat(result.key).as("key of line %d", i).isEqualTo(StreamKey.of(keys[i]));
		}
	}

	@Test
	void lineInsideALargerBufferIsParsedWithinItsBounds() {
		byte[] bytes = "xx[k | 9] payload[yy".getBytes(StandardCharsets.UTF_8);
		StdioLineParser.Result result = new StdioLineParser.Result();
		assertThat(new StdioLineParser().parse(bytes, 2, bytes.length - 3, result)).isTrue();
		assertThat(result.key).isEqualTo(StreamKey.of("k"));
		assertThat(result.sequence).isEqualTo(9L);
		assertThat(
				new String(bytes, result.payloadStart, result.payloadEnd - result.payloadStart, StandardCharsets.UTF_8))
			.isEqualTo("payload");
	}

}
