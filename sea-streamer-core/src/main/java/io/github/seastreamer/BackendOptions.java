package io.github.seastreamer;

/**
 * Typed options of one backend, carried inside the generic {@link ConnectOptions},
 * {@link ConsumerOptions} or {@link ProducerOptions} and looked up by class, so a program
 * can set Redis or Kafka options without casting the streamer. Implementations are
 * immutable.
 */
public interface BackendOptions {

}
