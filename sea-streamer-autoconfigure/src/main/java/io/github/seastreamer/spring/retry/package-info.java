/**
 * Retries with back-off and dead-letter streams for {@code @StreamListener} handlers.
 * <p>
 * Defaults come from {@code seastreamer.retry.*} (3 attempts, 200 ms doubling up to 10 s,
 * dead-letter stream {@code <stream>.dlq} on the listener's streamer); a method's
 * {@link io.github.seastreamer.spring.retry.StreamRetry} overrides them attribute by
 * attribute. A failed attempt is retried after a non-blocking delay on the shared
 * delivery executor: the message keeps its in-flight slot, so its stream and shard are
 * not committed past it, but later messages (of any stream) are handled meanwhile; the
 * handler order of a retried message relative to later ones of its shard is therefore not
 * kept ({@code @SendTo} results still leave in input order). A payload that cannot be
 * converted is not retried.
 * <p>
 * After the last attempt the container's error handler decides; the default
 * {@link io.github.seastreamer.spring.retry.DeadLetterErrorHandler} sends the original
 * payload to the dead-letter stream and lets the message be committed only once that send
 * is acknowledged (if it fails, the listener stops without committing). The error and the
 * origin (stream, shard, sequence) are logged with the dead-letter receipt; the producer
 * API carries payloads only, so they are not (yet) attached to the dead-letter message as
 * Kafka headers or Redis fields. An application's own {@code ListenerErrorHandler} bean
 * replaces the dead-letter handler.
 */
@NullMarked
package io.github.seastreamer.spring.retry;

import org.jspecify.annotations.NullMarked;
