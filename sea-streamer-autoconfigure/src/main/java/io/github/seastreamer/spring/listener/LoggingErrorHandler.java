package io.github.seastreamer.spring.listener;

import java.util.concurrent.CompletableFuture;

import io.github.seastreamer.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ListenerErrorHandler}: logs the failure with the listener id and the
 * message header (never the payload) and lets the message be committed, so one bad
 * message does not stop the listener.
 * <p>
 * Thread-safe and stateless.
 */
public class LoggingErrorHandler implements ListenerErrorHandler {

	private static final Logger logger = LoggerFactory.getLogger(LoggingErrorHandler.class);

	@Override
	public CompletableFuture<Void> handleError(ListenerContainer container, Message message, Throwable error) {
		logger.error("Listener '{}' failed to handle {}; skipping it", container.id(), message.header(), error);
		return CompletableFuture.completedFuture(null);
	}

}
