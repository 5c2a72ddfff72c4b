package io.github.seastreamer.redis;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.seastreamer.BackendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisMessageIdTests {

	@Test
	void sequencePacksMillisecondsAboveSixteenBitsOfEntryNumber() {
		RedisMessageId id = RedisMessageId.parse("1678280595282-7");
		assertThat(id.sequence()).isEqualTo((1678280595282L << 16) | 7);
		assertThat(id.timestamp()).isEqualTo(Instant.ofEpochMilli(1678280595282L));
		assertThat(RedisMessageId.fromSequence(id.sequence())).isEqualTo(id);
		assertThat(id).hasToString("1678280595282-7");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0-0", "1-1", "1678280595282-7", "281474976710655-65535" })
	void validIdsRoundTrip(String text) {
		assertThat(RedisMessageId.parse(text)).hasToString(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "123", "-", "1-", "-1", "a-1", "1-b", "1-2-3", "1.5-0", " 1-0", "-1-0" })
	void malformedIdsAreRejectedNamingTheText(String text) {
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> RedisMessageId.parse(text))
			.withMessageContaining("Failed to parse message ID");
	}

	@Test
	void entryNumberAboveSixteenBitsIsOutOfRange() {
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> RedisMessageId.parse("1-65536"))
			.withMessageContaining("Sequence number out of range: 65536");
	}

	@Test
	void millisecondsAboveFortyEightBitsAreOutOfRange() {
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> RedisMessageId.parse("281474976710656-0"))
			.withMessageContaining("Timestamp out of range");
		assertThatExceptionOfType(BackendException.class)
			.isThrownBy(() -> RedisMessageId.parse("18446744073709551616-0"))
			.withMessageContaining("out of range");
	}

	@Test
	void seekTargetIsTheLastEntryOfTheMillisecond() {
		assertThat(RedisMessageId.lastOf(Instant.ofEpochMilli(1234))).hasToString("1234-65535");
	}

	@Test
	void idsCompareByMillisecondsThenEntryNumber() {
		assertThat(RedisMessageId.parse("2-0")).isGreaterThan(RedisMessageId.parse("1-65535"));
		assertThat(RedisMessageId.parse("1-2")).isGreaterThan(RedisMessageId.parse("1-1"));
	}

}
