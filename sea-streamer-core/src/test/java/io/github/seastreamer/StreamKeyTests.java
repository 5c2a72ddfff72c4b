package io.github.seastreamer;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Stream keys: {@code [a-zA-Z0-9._-]{1,249}}, ordered byte-wise.
 */
class StreamKeyTests {

	@Test
	void lettersDigitsDotUnderscoreAndDashAreValid() {
		assertThat(StreamKey.of("my_topic-2.v1").name()).isEqualTo("my_topic-2.v1");
		assertThat(StreamKey.of("ABCxyz0189")).hasToString("ABCxyz0189");
	}

	@Test
	void keyOf249CharactersIsValidAndOf250IsNot() {
		assertThat(StreamKey.of("k".repeat(249)).name()).hasSize(249);
		assertThatExceptionOfType(StreamKeyException.class).isThrownBy(() -> StreamKey.of("k".repeat(250)))
			.withMessageContaining("250 chars");
	}

	@Test
	void emptyKeyIsInvalid() {
		assertThatExceptionOfType(StreamKeyException.class).isThrownBy(() -> StreamKey.of(""))
			.withMessageContaining("Invalid stream key ``");
	}

	@Test
	void otherCharactersAreInvalidAndTheErrorQuotesTheKeyAndThePattern() {
		for (String bad : List.of("a b", "a/b", "a,b", "a:b", "ü", "a?", "tab\t", "a*")) {
			assertThat(StreamKey.isValid(bad)).as(bad).isFalse();
			assertThatExceptionOfType(StreamKeyException.class).as(bad)
				.isThrownBy(() -> StreamKey.of(bad))
				.withMessageContaining("`" + bad + "`")
				.withMessageContaining("valid pattern is [a-zA-Z0-9._-]{1, 249}")
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY))
				.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
		}
	}

	@Test
	void keysOrderByteWise() {
		assertThat(StreamKey.of("B")).isLessThan(StreamKey.of("a"));
		assertThat(StreamKey.of("a")).isLessThan(StreamKey.of("a.b"));
		assertThat(StreamKey.of("a-b")).isLessThan(StreamKey.of("a_b"));
	}

	@Test
	void reservedKeysAreValidKeys() {
		assertThat(StreamKey.isValid(StreamKey.SEA_STREAMER_INTERNAL)).isTrue();
		assertThat(StreamKey.isValid(StreamKey.SEA_STREAMER_WILDCARD)).isTrue();
		assertThat(StreamKey.isValid(StreamKey.BROADCAST)).isTrue();
	}

	@Test
	void shardIdIsUnsigned() {
		ShardId max = ShardId.of(-1);
		assertThat(max).hasToString("18446744073709551615");
		assertThat(max).isGreaterThan(ShardId.of(Long.MAX_VALUE));
		assertThat(ShardId.of(0)).isSameAs(ShardId.ZERO);
	}

}
