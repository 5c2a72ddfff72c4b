package io.github.seastreamer.spring.listener;

/**
 * Wraps the handler of every endpoint a {@link StreamListenerEndpointRegistry} registers
 * (outside its retries), for cross-cutting work such as observation.
 * <p>
 * Called once per endpoint, at registration; the returned handler runs where the
 * endpoint's handler would (the container's handler executor) and must keep its contract:
 * return the handler's result, or a stage completing like it, and throw what it throws.
 */
@FunctionalInterface
public interface ListenerHandlerDecorator {

	/**
	 * Wrap a handler.
	 * @param endpoint the endpoint being registered
	 * @param handler its handler (possibly already wrapped)
	 * @return the handler to use
	 */
	MessageHandler decorate(ListenerEndpoint endpoint, MessageHandler handler);

}
