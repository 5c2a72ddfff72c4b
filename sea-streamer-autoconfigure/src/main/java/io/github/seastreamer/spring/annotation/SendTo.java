package io.github.seastreamer.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends the non-null return value of a {@link StreamListener} method to a stream:
 * {@code "stream"} on the listener's own streamer, or {@code "streamer:stream"} on a
 * named one. Spring Messaging's {@code @SendTo} is honoured the same way.
 * <p>
 * The message is committed only once the backend has accepted the result (at-least-once
 * along the chain). Placeholders allowed.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SendTo {

	/**
	 * The target, {@code "stream"} or {@code "streamer:stream"}.
	 * @return the target
	 */
	String value();

}
