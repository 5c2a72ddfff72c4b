package io.github.seastreamer.spring.listener;

import io.github.seastreamer.Message;
import org.jspecify.annotations.Nullable;

/**
 * What a listener container calls for each message (the {@code @StreamListener}
 * post-processor adapts annotated methods to it).
 * <p>
 * Called on the container's handler executor, never on an I/O thread. A returned
 * {@link java.util.concurrent.CompletionStage} is awaited without blocking the container;
 * other return values are sent to the endpoint's {@code @SendTo} target, if any.
 */
@FunctionalInterface
public interface MessageHandler {

	/**
	 * Handle one message.
	 * @param message the message
	 * @param acknowledgement the handle for manual commits (used only by endpoints in
	 * manual acknowledgement mode)
	 * @return the result, a future of it, or {@code null}
	 * @throws Exception if handling failed; the container's error handler decides
	 */
	@Nullable Object handle(Message message, Acknowledgement acknowledgement) throws Exception;

}
