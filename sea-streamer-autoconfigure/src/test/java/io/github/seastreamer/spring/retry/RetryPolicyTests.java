package io.github.seastreamer.spring.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.PayloadEncodingException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests of {@link RetryPolicy} and {@link RetryingMessageHandler}.
 */
class RetryPolicyTests {

	private static final Message MESSAGE = Message
		.of(new MessageHeader(StreamKey.of("orders"), ShardId.ZERO, 7, Instant.EPOCH), "payload");

	private static RetryPolicy policy(int attempts) {
		return new RetryPolicy(attempts, Duration.ofMillis(10), 2.0, Duration.ofMillis(30), true, "", "");
	}

	@Test
	void delaysGrowByTheMultiplierUpToTheMaximum() {
		RetryPolicy policy = policy(5);
		assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMillis(10));
		assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofMillis(20));
		assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofMillis(30));
		assertThat(policy.delayBefore(9)).isEqualTo(Duration.ofMillis(30));
	}

	@Test
	void deadLetterStreamDefaultsToTheStreamWithDlqSuffix() {
		assertThat(policy(1).deadLetterStreamFor("orders")).isEqualTo("orders.dlq");
		RetryPolicy custom = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, true, "parking", "");
		assertThat(custom.deadLetterStreamFor("orders")).isEqualTo("parking");
	}

	@Test
	void invalidValuesAreRejectedWithTheirName() {
		assertThatThrownBy(() -> policy(0)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("max attempts");
		assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1), true, "", ""))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("max interval");
		assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, 0.5, Duration.ZERO, true, "", ""))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("multiplier");
	}

	@Test
	void handlerFailingTwiceSucceedsOnTheThirdAttemptAndIsMarkedRetried() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		ListenerOutcomes outcomes = new ListenerOutcomes();
		RetryingMessageHandler handler = new RetryingMessageHandler("l", (message, ack) -> {
			if (calls.incrementAndGet() <= 2) {
				throw new IllegalStateException("boom " + calls.get());
			}
			return "ok";
		}, policy(3), outcomes);
		Object result = handler.handle(MESSAGE, () -> {
		});
		assertThat(result).isInstanceOf(CompletableFuture.class);
		assertThat(((CompletableFuture<?>) result).get(5, TimeUnit.SECONDS)).isEqualTo("ok");
		assertThat(calls).hasValue(3);
		assertThat(outcomes.take("l", MESSAGE.header())).isEqualTo(ListenerOutcomes.RETRIED);
	}

	@Test
	void handlerFailingEveryAttemptFailsWithTheLastError() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		RetryingMessageHandler handler = new RetryingMessageHandler("l", (message, ack) -> {
			throw new IllegalStateException("boom " + calls.incrementAndGet());
		}, policy(3), new ListenerOutcomes());
		CompletableFuture<?> result = (CompletableFuture<?>) handler.handle(MESSAGE, () -> {
		});
		assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
			.hasRootCauseMessage("boom 3");
		assertThat(calls).hasValue(3);
	}

	@Test
	void payloadThatCannotBeConvertedIsNotRetried() {
		AtomicInteger calls = new AtomicInteger();
		RetryingMessageHandler handler = new RetryingMessageHandler("l", (message, ack) -> {
			calls.incrementAndGet();
			throw new PayloadEncodingException("cannot convert", null);
		}, policy(5), new ListenerOutcomes());
		assertThatThrownBy(() -> handler.handle(MESSAGE, () -> {
		})).isInstanceOf(PayloadEncodingException.class);
		assertThat(calls).hasValue(1);
	}

	@Test
	void failedFutureReturnedByTheHandlerIsRetried() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		RetryingMessageHandler handler = new RetryingMessageHandler("l",
				(message, ack) -> (calls.incrementAndGet() == 1)
						? CompletableFuture.failedFuture(new IllegalStateException("async boom"))
						: CompletableFuture.completedFuture("done"),
				policy(2), new ListenerOutcomes());
		CompletableFuture<?> result = (CompletableFuture<?>) handler.handle(MESSAGE, () -> {
		});
		assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("done");
		assertThat(calls).hasValue(2);
	}

}
