package io.github.seastreamer.spring.listener;

import java.util.concurrent.CompletableFuture;

import io.github.seastreamer.Message;

/**
 * Decides what happens to a message whose handler failed (retries and dead-letter streams
 * plug in here).
 * <p>
 * Called on the container's handler executor. A completed future means the message is
 * dealt with and may be committed; a failed future stops the container in state
 * {@link ContainerState#FAILED} without committing the message.
 */
@FunctionalInterface
public interface ListenerErrorHandler {

	/**
	 * Deal with a failed message.
	 * @param container the container
	 * @param message the message
	 * @param error the failure of the handler (or of the payload conversion)
	 * @return a future completed once dealt with
	 */
	CompletableFuture<Void> handleError(ListenerContainer container, Message message, Throwable error);

}
