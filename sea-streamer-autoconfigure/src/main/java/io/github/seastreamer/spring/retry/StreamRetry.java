package io.github.seastreamer.spring.retry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The retry policy of one {@code @StreamListener} method, overriding the
 * {@code seastreamer.retry.*} defaults attribute by attribute (an attribute left at its
 * default takes the property's value).
 * <p>
 * Read once at start-up; an invalid combination fails start-up with a message naming the
 * listener.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StreamRetry {

	/**
	 * Attempts in all, the first included; {@code 0} takes the default.
	 * @return the attempts
	 */
	int maxAttempts() default 0;

	/**
	 * The delay before the first retry in milliseconds; {@code -1} takes the default.
	 * @return the delay
	 */
	long initialIntervalMillis() default -1;

	/**
	 * The growth of the delay; {@code 0} takes the default.
	 * @return the multiplier
	 */
	double multiplier() default 0;

	/**
	 * The longest delay in milliseconds; {@code -1} takes the default.
	 * @return the delay
	 */
	long maxIntervalMillis() default -1;

	/**
	 * The dead-letter stream; empty takes the default ({@code <stream>.dlq}).
	 * @return the stream
	 */
	String deadLetterStream() default "";

	/**
	 * The streamer of the dead-letter stream; empty means the listener's own.
	 * @return the streamer name
	 */
	String deadLetterStreamer() default "";

}
