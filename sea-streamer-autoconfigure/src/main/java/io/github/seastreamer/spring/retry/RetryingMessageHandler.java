package io.github.seastreamer.spring.retry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Message;
import io.github.seastreamer.PayloadEncodingException;
import io.github.seastreamer.spi.DeliveryExecutor;
import io.github.seastreamer.spring.listener.Acknowledgement;
import io.github.seastreamer.spring.listener.MessageHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.seastreamer.SeaStreamerException.unwrap;

/**
 * Calls a handler and, when it fails, calls it again after the policy's back-off; the
 * first attempt runs as is (no cost when it succeeds), later attempts run on the shared
 * delivery executor after a non-blocking delay, so a failing message holds one in-flight
 * slot but no thread, and other messages and streams go on meanwhile.
 * <p>
 * A payload that cannot be converted ({@link PayloadEncodingException}) is not retried.
 * After the last attempt the last error is thrown (or the returned future fails with it),
 * and the container's error handler decides (by default: the dead-letter stream).
 */
final class RetryingMessageHandler implements MessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(RetryingMessageHandler.class);

	private final String listenerId;

	private final MessageHandler delegate;

	private final RetryPolicy policy;

	private final ListenerOutcomes outcomes;

	RetryingMessageHandler(String listenerId, MessageHandler delegate, RetryPolicy policy, ListenerOutcomes outcomes) {
		this.listenerId = listenerId;
		this.delegate = delegate;
		this.policy = policy;
		this.outcomes = outcomes;
	}

	@Override
	public @Nullable Object handle(Message message, Acknowledgement acknowledgement) throws Exception {
		Object result;
		try {
			result = this.delegate.handle(message, acknowledgement);
		}
		catch (Exception ex) {
			if (!retryable(ex, 1)) {
				throw ex;
			}
			return retry(message, acknowledgement, 2, ex);
		}
		if (result instanceof CompletionStage<?> stage && this.policy.maxAttempts() > 1) {
			return stage.toCompletableFuture()
				.handle((value, error) -> (error == null) ? CompletableFuture.completedFuture(value)
						: retryable(unwrap(error), 1) ? retry(message, acknowledgement, 2, unwrap(error))
								: CompletableFuture.failedFuture(unwrap(error)))
				.thenCompose((f) -> f);
		}
		return result;
	}

	private boolean retryable(Throwable error, int attemptsMade) {
		return attemptsMade < this.policy.maxAttempts() && !isConversionFailure(error);
	}

	static boolean isConversionFailure(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof PayloadEncodingException) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	private CompletableFuture<@Nullable Object> retry(Message message, Acknowledgement acknowledgement, int attempt,
			Throwable previous) {
		long delay = this.policy.delayBefore(attempt).toMillis();
		logger.debug("Listener '{}': attempt {} of {} for {} failed ({}); retrying in {} ms", this.listenerId,
				attempt - 1, this.policy.maxAttempts(), message.header(), previous.toString(), delay);
		Executor later = CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, DeliveryExecutor.shared());
		return CompletableFuture.supplyAsync(() -> attempt(message, acknowledgement), later)
			.thenCompose((f) -> f)
			.handle((value, error) -> {
				if (error == null) {
					this.outcomes.mark(this.listenerId, message.header(), ListenerOutcomes.RETRIED);
					return CompletableFuture.completedFuture(value);
				}
				Throwable cause = unwrap(error);
				if (retryable(cause, attempt)) {
					return retry(message, acknowledgement, attempt + 1, cause);
				}
				return CompletableFuture.<@Nullable Object>failedFuture(cause);
			})
			.thenCompose((f) -> f);
	}

	private CompletableFuture<@Nullable Object> attempt(Message message, Acknowledgement acknowledgement) {
		try {
			Object result = this.delegate.handle(message, acknowledgement);
			if (result instanceof CompletionStage<?> stage) {
				return stage.toCompletableFuture().thenApply((v) -> v);
			}
			return CompletableFuture.completedFuture(result);
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public String toString() {
		return this.delegate + " (retried up to " + this.policy.maxAttempts() + " attempts)";
	}

}
