package io.github.seastreamer.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;

/**
 * Marks a bean method as the handler of messages of one or more streams: the
 * auto-configuration creates one listener container per method, started with the
 * application context.
 * <p>
 * Parameters are bound by type: the payload as {@code String}, {@code byte[]},
 * {@code ByteBuffer} or any type Jackson can read (at most one payload parameter), the
 * {@link io.github.seastreamer.Message}, the {@link io.github.seastreamer.MessageHeader},
 * the {@link io.github.seastreamer.StreamKey}, and an
 * {@link io.github.seastreamer.spring.listener.Acknowledgement} for manual commits. A
 * non-void return value goes to the {@link SendTo} stream; a
 * {@link java.util.concurrent.CompletionStage} return is awaited without blocking the
 * consumer. The method is called on the container's handler executor, never on an I/O
 * thread; with the default concurrency of 1 it is never called concurrently.
 * <pre class="code">
 * &#64;StreamListener(streams = "orders", mode = ConsumerMode.RESUMABLE)
 * &#64;SendTo("invoices")
 * Invoice onOrder(Order order, MessageHeader header) { ... }
 * </pre> Attributes given as strings accept property placeholders. An invalid definition
 * (bad stream key, unknown streamer, a group where the mode forbids one, a parameter that
 * cannot be bound) fails the start-up with a message naming the listener.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StreamListener {

	/**
	 * The listener id; default {@code <bean name>.<method name>}. Placeholders allowed.
	 * @return the id
	 */
	String id() default "";

	/**
	 * The stream keys to read; each element may hold several comma-separated keys and
	 * placeholders.
	 * @return the streams
	 */
	String[] streams();

	/**
	 * The name of the streamer to read from ({@code seastreamer.streamers.<name>}); the
	 * default streamer when empty. Placeholders allowed.
	 * @return the streamer name
	 */
	String streamer() default "";

	/**
	 * The consumer mode; {@code seastreamer.consumer.mode} when not given.
	 * @return at most one mode
	 */
	ConsumerMode[] mode() default {};

	/**
	 * The consumer group of resumable and load-balanced listeners;
	 * {@code seastreamer.consumer.group} when empty, else
	 * {@code <spring.application.name>.<listener id>} (so instances of an application
	 * share it and two listeners never take each other's messages), else the backend's
	 * default. Placeholders allowed.
	 * @return the group
	 */
	String group() default "";

	/**
	 * Where to start without a committed position;
	 * {@code seastreamer.consumer.stream-reset} when not given.
	 * @return at most one reset
	 */
	StreamReset[] reset() default {};

	/**
	 * How many handler invocations may run at once;
	 * {@code seastreamer.listener.concurrency} when empty. Messages of one stream and
	 * shard stay in order unless {@code seastreamer.listener.ordered} is false.
	 * Placeholders allowed.
	 * @return the concurrency
	 */
	String concurrency() default "";

	/**
	 * The most messages taken and not yet completed;
	 * {@code seastreamer.listener.max-in-flight} when empty. Placeholders allowed.
	 * @return the bound
	 */
	String maxInFlight() default "";

	/**
	 * Whether the listener starts with the context;
	 * {@code seastreamer.listener.auto-startup} when empty. Placeholders allowed.
	 * @return "true" or "false"
	 */
	String autoStartup() default "";

	/**
	 * A SpEL expression on the message header that must be true for the method to be
	 * called; other messages are completed (and committed) without calling it. The root
	 * object has {@code header}, {@code stream}, {@code shard}, {@code sequence} and
	 * {@code timestamp}, for example {@code "sequence % 2 == 0"} or
	 * {@code "stream == 'orders'"}.
	 * @return the condition, empty for none
	 */
	String condition() default "";

}
