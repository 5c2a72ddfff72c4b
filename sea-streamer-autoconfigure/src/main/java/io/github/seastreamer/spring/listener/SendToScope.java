package io.github.seastreamer.spring.listener;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The context a handler ran in, carried over to the {@code @SendTo} send of its result: a
 * {@link ListenerHandlerDecorator} that runs the handler in a context of its own (an
 * observation and its scope) offers one, on the thread that called the handler, just
 * before returning the result. The container takes it at once and, once the result is
 * there and the earlier results of the lane are sent, issues the send through
 * {@link #send(Supplier)}, possibly on another thread; or calls {@link #end(Throwable)}
 * when no send follows (the result is {@code null}, or it failed). So the send belongs to
 * the handling it came from, as a reply sent by the handler itself would.
 * <p>
 * Exactly one of the two methods is called, once (a {@code send} whose supplier throws
 * ends the scope as well); implementations must be thread-safe.
 */
public interface SendToScope {

	/**
	 * Issue the send in this scope, then end the scope.
	 * @param <T> the type of what the send returns
	 * @param send issues the send (does not wait for its receipt)
	 * @return what {@code send} returned
	 */
	<T> T send(Supplier<T> send);

	/**
	 * End the scope without a send.
	 * @param error why the result never came, or {@code null} when the handler returned
	 * none
	 */
	void end(@Nullable Throwable error);

	/**
	 * Offer the scope of the handling in progress on this thread to the container that
	 * called the handler; a decorator calls it just before returning the result (and only
	 * for an endpoint with a {@link ListenerEndpoint#sendTo() send-to target}).
	 * @param scope the scope
	 */
	static void offer(SendToScope scope) {
		SendToScopeHolder.CURRENT.set(scope);
	}

}
