package io.github.seastreamer.spring.listener;

import org.jspecify.annotations.Nullable;

/**
 * Where {@link SendToScope#offer(SendToScope)} leaves a scope for the container, on the
 * handler's thread.
 */
final class SendToScopeHolder {

	static final ThreadLocal<@Nullable SendToScope> CURRENT = new ThreadLocal<>();

	private SendToScopeHolder() {
	}

	/**
	 * The scope offered on this thread since the last call, if any; none is left behind.
	 */
	static @Nullable SendToScope take() {
		SendToScope scope = CURRENT.get();
		if (scope != null) {
			CURRENT.remove();
		}
		return scope;
	}

}
