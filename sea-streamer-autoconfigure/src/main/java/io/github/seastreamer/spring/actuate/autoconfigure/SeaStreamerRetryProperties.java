package io.github.seastreamer.spring.actuate.autoconfigure;

import java.time.Duration;

import io.github.seastreamer.spring.retry.RetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The default retry policy and dead-letter stream of every {@code @StreamListener}
 * ({@code seastreamer.retry.*}); a method's {@code @StreamRetry} overrides them.
 * <p>
 * Bound once at start-up; not thread-safe while binding.
 */
@ConfigurationProperties("seastreamer.retry")
public class SeaStreamerRetryProperties {

	/**
	 * Whether failed handlers are retried and dead-lettered at all (otherwise the
	 * starter's logging error handler skips them).
	 */
	private boolean enabled = true;

	/**
	 * Attempts in all, the first included (1 means no retry).
	 */
	private int maxAttempts = 3;

	/**
	 * Delay before the first retry.
	 */
	private Duration initialInterval = Duration.ofMillis(200);

	/**
	 * Growth of the delay from one retry to the next.
	 */
	private double multiplier = 2.0;

	/**
	 * Longest delay between attempts.
	 */
	private Duration maxInterval = Duration.ofSeconds(10);

	/**
	 * Whether a message that failed every attempt goes to a dead-letter stream (otherwise
	 * it is logged and skipped).
	 */
	private boolean deadLetter = true;

	/**
	 * Dead-letter stream; empty means "<stream>.dlq".
	 */
	private String deadLetterStream = "";

	/**
	 * Streamer of the dead-letter stream; empty means the listener's own.
	 */
	private String deadLetterStreamer = "";

	/**
	 * Whether retries and dead-letter streams are enabled.
	 * @return whether enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set whether retries and dead-letter streams are enabled.
	 * @param enabled whether enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * The attempts in all.
	 * @return the attempts
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Set the attempts in all.
	 * @param maxAttempts the attempts
	 */
	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	/**
	 * The delay before the first retry.
	 * @return the delay
	 */
	public Duration getInitialInterval() {
		return this.initialInterval;
	}

	/**
	 * Set the delay before the first retry.
	 * @param initialInterval the delay
	 */
	public void setInitialInterval(Duration initialInterval) {
		this.initialInterval = initialInterval;
	}

	/**
	 * The growth of the delay.
	 * @return the multiplier
	 */
	public double getMultiplier() {
		return this.multiplier;
	}

	/**
	 * Set the growth of the delay.
	 * @param multiplier the multiplier
	 */
	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	/**
	 * The longest delay.
	 * @return the delay
	 */
	public Duration getMaxInterval() {
		return this.maxInterval;
	}

	/**
	 * Set the longest delay.
	 * @param maxInterval the delay
	 */
	public void setMaxInterval(Duration maxInterval) {
		this.maxInterval = maxInterval;
	}

	/**
	 * Whether failed messages go to a dead-letter stream.
	 * @return whether they do
	 */
	public boolean isDeadLetter() {
		return this.deadLetter;
	}

	/**
	 * Set whether failed messages go to a dead-letter stream.
	 * @param deadLetter whether they do
	 */
	public void setDeadLetter(boolean deadLetter) {
		this.deadLetter = deadLetter;
	}

	/**
	 * The dead-letter stream.
	 * @return the stream, empty for the default
	 */
	public String getDeadLetterStream() {
		return this.deadLetterStream;
	}

	/**
	 * Set the dead-letter stream.
	 * @param deadLetterStream the stream, empty for the default
	 */
	public void setDeadLetterStream(String deadLetterStream) {
		this.deadLetterStream = deadLetterStream;
	}

	/**
	 * The streamer of the dead-letter stream.
	 * @return the streamer name, empty for the listener's own
	 */
	public String getDeadLetterStreamer() {
		return this.deadLetterStreamer;
	}

	/**
	 * Set the streamer of the dead-letter stream.
	 * @param deadLetterStreamer the streamer name, empty for the listener's own
	 */
	public void setDeadLetterStreamer(String deadLetterStreamer) {
		this.deadLetterStreamer = deadLetterStreamer;
	}

	/**
	 * The policy these properties describe.
	 * @return the policy
	 * @throws io.github.seastreamer.ConfigurationException if a value is invalid
	 */
	public RetryPolicy toPolicy() {
		return new RetryPolicy(this.maxAttempts, this.initialInterval, this.multiplier, this.maxInterval,
				this.deadLetter, this.deadLetterStream, this.deadLetterStreamer);
	}

}
