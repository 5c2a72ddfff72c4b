package io.github.seastreamer.spring.retry;

import java.time.Duration;

import io.github.seastreamer.ConfigurationException;

/**
 * How often and how patiently a failed handler is called again, and where the message
 * goes after the last attempt.
 * <p>
 * Immutable and thread-safe. The delay before attempt {@code n + 1} is
 * {@code initialInterval × multiplier^(n-1)}, at most {@code maxInterval}.
 *
 * @param maxAttempts attempts in all, the first included (1 means no retry)
 * @param initialInterval the delay before the first retry
 * @param multiplier the growth of the delay from one retry to the next (at least 1)
 * @param maxInterval the longest delay
 * @param deadLetter whether a message that failed every attempt goes to a dead-letter
 * stream (otherwise it is logged and skipped)
 * @param deadLetterStream the dead-letter stream; empty means {@code <stream>.dlq}
 * @param deadLetterStreamer the streamer of the dead-letter stream; empty means the
 * listener's own
 */
public record RetryPolicy(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval,
		boolean deadLetter, String deadLetterStream, String deadLetterStreamer) {

	/** The suffix of default dead-letter streams. */
	public static final String DEAD_LETTER_SUFFIX = ".dlq";

	/**
	 * Validate the policy.
	 * @throws ConfigurationException naming the invalid value
	 */
	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new ConfigurationException("retry: max attempts must be at least 1, not " + maxAttempts);
		}
		if (initialInterval.isNegative()) {
			throw new ConfigurationException("retry: initial interval must not be negative: " + initialInterval);
		}
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new ConfigurationException(
					"retry: multiplier must be a finite number of at least 1, not " + multiplier);
		}
		if (maxInterval.compareTo(initialInterval) < 0) {
			throw new ConfigurationException(
					"retry: max interval " + maxInterval + " is shorter than the initial interval " + initialInterval);
		}
	}

	/**
	 * The delay before the given attempt.
	 * @param attempt the attempt about to be made (2 for the first retry)
	 * @return the delay
	 */
	public Duration delayBefore(int attempt) {
		double millis = this.initialInterval.toMillis() * Math.pow(this.multiplier, Math.max(0, attempt - 2));
		long capped = (long) Math.min(millis, this.maxInterval.toMillis());
		return Duration.ofMillis(capped);
	}

	/**
	 * The dead-letter stream for messages of the given stream.
	 * @param stream the stream the message came from
	 * @return the dead-letter stream
	 */
	public String deadLetterStreamFor(String stream) {
		return this.deadLetterStream.isEmpty() ? stream + DEAD_LETTER_SUFFIX : this.deadLetterStream;
	}

}
