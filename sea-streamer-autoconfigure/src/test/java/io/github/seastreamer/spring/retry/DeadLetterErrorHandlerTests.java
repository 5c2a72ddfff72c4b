package io.github.seastreamer.spring.retry;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attributes {@link DeadLetterErrorHandler} puts on dead-letter messages.
 */
class DeadLetterErrorHandlerTests {

	private final MessageHeader origin = new MessageHeader(StreamKey.of("orders"), ShardId.of(3), 42,
			Instant.parse("2026-11-26T07:00:01.250Z"));

	@Test
	void attributesNameTheErrorTheOriginAndTheListenerInAStableOrder() {
		Map<String, String> attributes = DeadLetterErrorHandler.attributes("billing", this.origin,
				new IllegalArgumentException("bad amount"));
		assertThat(attributes).containsExactly(
				Map.entry("seastreamer.error", "java.lang.IllegalArgumentException: bad amount"),
				Map.entry("seastreamer.origin.stream", "orders"), Map.entry("seastreamer.origin.shard", "3"),
				Map.entry("seastreamer.origin.sequence", "42"),
				Map.entry("seastreamer.origin.timestamp", "2026-11-26T07:00:01.25"),
				Map.entry("seastreamer.listener", "billing"));
	}

	@Test
	void errorTextUnwrapsCompletionAndNamesTheRootCause() {
		Throwable error = new CompletionException(
				new IllegalStateException("handler failed", new ArithmeticException("/ by zero")));
		assertThat(DeadLetterErrorHandler.describe(error)).isEqualTo(
				"java.lang.IllegalStateException: handler failed; caused by java.lang.ArithmeticException: / by zero");
	}

	@Test
	void errorTextMasksPasswordsOfUris() {
		String text = DeadLetterErrorHandler
			.describe(new IllegalStateException("cannot reach redis://app:s3cret@127.0.0.1:6379"));
		assertThat(text).doesNotContain("s3cret").contains("redis://app:").contains("@127.0.0.1:6379");
	}

	@Test
	void errorTextIsCutToTheLimit() {
		String text = DeadLetterErrorHandler.describe(new IllegalStateException("x".repeat(5000)));
		assertThat(text).hasSize(DeadLetterErrorHandler.MAX_ERROR_LENGTH)
			.startsWith("java.lang.IllegalStateException: xxx")
			.endsWith("x\u2026");
	}

	@Test
	void errorTextIsNeverCutInsideACharacter() {
		String prefix = "java.lang.IllegalStateException: ";
		String message = "x".repeat(DeadLetterErrorHandler.MAX_ERROR_LENGTH - 2 - prefix.length())
				+ "\uD83D\uDE00 and more";
		String text = DeadLetterErrorHandler.describe(new IllegalStateException(message));
		assertThat(text).hasSize(DeadLetterErrorHandler.MAX_ERROR_LENGTH - 1).endsWith("x\u2026");
	}

	@Test
	void errorWithoutMessageIsItsClassName() {
		assertThat(DeadLetterErrorHandler.describe(new NullPointerException()))
			.isEqualTo("java.lang.NullPointerException");
	}

}
