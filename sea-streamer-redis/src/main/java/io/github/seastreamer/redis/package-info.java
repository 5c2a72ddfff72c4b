/**
 * The Redis Streams backend: wire-compatible with the Rust SeaStreamer layout (one entry
 * per message, one field {@code msg}, keys {@code <stream>} or {@code <stream>:<shard>}),
 * built on Lettuce.
 */
@NullMarked
package io.github.seastreamer.redis;

import org.jspecify.annotations.NullMarked;
