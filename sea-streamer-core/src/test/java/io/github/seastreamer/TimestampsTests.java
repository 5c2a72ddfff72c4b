package io.github.seastreamer;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The canonical timestamp text, {@code YYYY-MM-DDTHH:MM:SS.f} in UTC without a zone.
 */
class TimestampsTests {

	private static final Instant SECOND = Instant.parse("2022-01-02T03:04:53Z");

	@Test
	void millisecondsKeepTheirLeadingZerosAndLoseTrailingOnes() {
		assertThat(Timestamps.format(SECOND.plusMillis(1))).isEqualTo("2022-01-02T03:04:53.001");
		assertThat(Timestamps.format(SECOND.plusMillis(120))).isEqualTo("2022-01-02T03:04:53.12");
	}

	@Test
	void wholeSecondHasOneZeroDigit() {
		assertThat(Timestamps.format(SECOND.plusSeconds(1))).isEqualTo("2022-01-02T03:04:54.0");
	}

	@Test
	void nanosecondsUseUpToNineDigits() {
		assertThat(Timestamps.format(SECOND.plusNanos(1))).isEqualTo("2022-01-02T03:04:53.000000001");
		assertThat(Timestamps.format(SECOND.plusNanos(123_456_789))).isEqualTo("2022-01-02T03:04:53.123456789");
		assertThat(Timestamps.format(SECOND.plusNanos(1_000))).isEqualTo("2022-01-02T03:04:53.000001");
	}

	@Test
	void yearsArePaddedToFourDigitsAndEpochFormats() {
		assertThat(Timestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.0");
		assertThat(Timestamps.format(Instant.parse("0099-12-31T23:59:59Z"))).isEqualTo("0099-12-31T23:59:59.0");
	}

	@Test
	void secondsFormDropsTheFraction() {
		assertThat(Timestamps.formatSeconds(SECOND.plusMillis(999))).isEqualTo("2022-01-02T03:04:53");
	}

	@Test
	void strictParseReadsWhatFormatWrites() {
		for (Instant instant : List.of(SECOND, SECOND.plusMillis(1), SECOND.plusNanos(1), SECOND.plusMillis(120),
				Instant.EPOCH)) {
			assertThat(Timestamps.parseStrict(Timestamps.format(instant))).isEqualTo(instant);
		}
		assertThat(Timestamps.parseStrict("2022-01-02T03:04:53")).isEqualTo(SECOND);
		assertThat(Timestamps.parseStrict("2022-01-02T03:04:53.5")).isEqualTo(SECOND.plusMillis(500));
	}

	@Test
	void strictParseRejectsOtherForms() {
		for (String text : List.of("", "2022-01-02 03:04:53", "2022-01-02T03:04:53Z", "2022-01-02T03:04:53.",
				"2022-01-02T03:04:53.1234567890", "2022-02-30T03:04:53", "2022-01-02T25:04:53", "22-01-02T03:04:53",
				"2022-01-02T03:04:5x", "2022-01-02T03:04:53,5")) {
			assertThat(Timestamps.parseStrict(text)).as(text).isNull();
		}
	}

	@Test
	void lenientParseAcceptsZonesAndUnixMilliseconds() {
		assertThat(Timestamps.parseLenient("2022-01-02T03:04:53.001")).isEqualTo(SECOND.plusMillis(1));
		assertThat(Timestamps.parseLenient(" 2022-01-02T05:04:53+02:00 ")).isEqualTo(SECOND);
		assertThat(Timestamps.parseLenient("2022-01-02T03:04:53Z")).isEqualTo(SECOND);
		assertThat(Timestamps.parseLenient(Long.toString(SECOND.toEpochMilli()))).isEqualTo(SECOND);
	}

	@Test
	void lenientParseErrorNamesTheTextAndTheForms() {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Timestamps.parseLenient("yesterday"))
			.withMessageContaining("`yesterday`")
			.withMessageContaining("YYYY-MM-DDTHH:MM:SS");
	}

	@Test
	void headerJsonUsesTheCanonicalTimestamp() {
		MessageHeader header = new MessageHeader(StreamKey.of("hello"), ShardId.of(3), 7, SECOND.plusMillis(1));
		assertThat(header.toJson()).isEqualTo(
				"{\"stream_key\":\"hello\",\"shard_id\":3,\"sequence\":7,\"timestamp\":\"2022-01-02T03:04:53.001\"}");
		assertThat(header).hasToString("[2022-01-02T03:04:53.001 | hello | 7 | 3]");
		assertThat(new MessageHeader(StreamKey.of("a"), ShardId.ZERO, -1, SECOND).toJson())
			.contains("\"sequence\":18446744073709551615");
	}

}
