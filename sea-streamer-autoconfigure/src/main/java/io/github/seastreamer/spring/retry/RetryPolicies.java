package io.github.seastreamer.spring.retry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The retry policy of each listener: the one of its {@link StreamRetry} annotation, or
 * the default from {@code seastreamer.retry.*}.
 * <p>
 * Thread-safe.
 */
public final class RetryPolicies {

	private final RetryPolicy defaults;

	private final Map<String, RetryPolicy> byListener = new ConcurrentHashMap<>();

	private final Function<String, Optional<StreamRetry>> annotations;

	/**
	 * Create the policies.
	 * @param defaults the policy of listeners without their own
	 * @param annotations the {@link StreamRetry} annotation of a listener id, if any
	 */
	public RetryPolicies(RetryPolicy defaults, Function<String, Optional<StreamRetry>> annotations) {
		this.defaults = defaults;
		this.annotations = annotations;
	}

	/**
	 * The default policy.
	 * @return the policy
	 */
	public RetryPolicy defaults() {
		return this.defaults;
	}

	/**
	 * Set the policy of a listener.
	 * @param listenerId the listener id
	 * @param policy the policy
	 */
	public void put(String listenerId, RetryPolicy policy) {
		this.byListener.put(listenerId, policy);
	}

	/**
	 * The policy of a listener.
	 * @param listenerId the listener id
	 * @return its own policy or the default
	 */
	public RetryPolicy forListener(String listenerId) {
		return this.byListener.computeIfAbsent(listenerId, (id) -> {
			try {
				return this.annotations.apply(id).map(this::merge).orElse(this.defaults);
			}
			catch (io.github.seastreamer.ConfigurationException ex) {
				throw new io.github.seastreamer.ConfigurationException(
						"listener '" + id + "': @StreamRetry: " + ex.getMessage(), ex);
			}
		});
	}

	/**
	 * Derive a listener's policy from an annotation over the defaults.
	 * @param annotation the annotation
	 * @return the policy
	 * @throws io.github.seastreamer.ConfigurationException if the result is invalid
	 */
	public RetryPolicy merge(StreamRetry annotation) {
		RetryPolicy d = this.defaults;
		return new RetryPolicy((annotation.maxAttempts() > 0) ? annotation.maxAttempts() : d.maxAttempts(),
				(annotation.initialIntervalMillis() >= 0)
						? java.time.Duration.ofMillis(annotation.initialIntervalMillis()) : d.initialInterval(),
				(annotation.multiplier() > 0) ? annotation.multiplier() : d.multiplier(),
				(annotation.maxIntervalMillis() >= 0) ? java.time.Duration.ofMillis(annotation.maxIntervalMillis())
						: d.maxInterval(),
				d.deadLetter(),
				annotation.deadLetterStream().isEmpty() ? d.deadLetterStream() : annotation.deadLetterStream(),
				annotation.deadLetterStreamer().isEmpty() ? d.deadLetterStreamer() : annotation.deadLetterStreamer());
	}

}
