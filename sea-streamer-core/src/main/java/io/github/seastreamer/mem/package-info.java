/**
 * The in-memory backend, {@code mem://<name>}: streamers connected to the same name in
 * one JVM share a broker, so applications and backends can be tested without a server.
 *
 * <p>
 * What it does, where the generic contract leaves room:
 * <ul>
 * <li>Each (stream, shard) is an append-only log; sequence numbers start at 1 and are
 * contiguous; the timestamp is the send time (never going backwards within a shard).
 * Appending takes a short lock per log; reading takes none.</li>
 * <li>Retention: each shard log keeps at most
 * {@link io.github.seastreamer.mem.MemConnectOptions#maxMessagesPerStream()} messages
 * (default one million); older ones are dropped and consumers behind skip them.</li>
 * <li>A consumer reads every shard of its streams, including shards that appear later,
 * until {@code assign}/{@code unassign} gives a stream an explicit shard set; changes
 * take effect at once.</li>
 * <li>Modes: a real-time consumer takes no group ({@code CONSUMER_GROUP_IS_SET}); a
 * load-balanced one requires a group ({@code CONSUMER_GROUP_NOT_SET}); a commit on a
 * real-time consumer fails with {@code COMMIT_NOT_ALLOWED}. Commits complete at once (the
 * broker's memory is the store).</li>
 * <li>Resumable: committed positions belong to the group (default {@code <host id>:r})
 * and live as long as the JVM; commits never move backwards; a consumer starts right
 * after the committed message, else per its stream reset.</li>
 * <li>Load-balanced: first-ask-first-served, as Redis consumer groups do. The group holds
 * one read cursor per shard; a member claims small batches of messages when it has room
 * in its buffer, so a busy member gets fewer. Claimed messages stay pending for that
 * member until it commits them (a commit covers that message and every earlier one
 * pending for the member on that shard); the pending messages of a member that closes are
 * redelivered to the other members (or the next to join).</li>
 * <li>{@code seek(t)} goes to the first message with a timestamp at or after {@code t};
 * {@code rewind(At(n))} to the first message with a sequence at least {@code n}. On a
 * load-balanced member both move the group's shared cursor and drop what is pending on
 * those shards.</li>
 * <li>Threads: a send appends on the caller's thread and returns a completed receipt;
 * each consumer has one pump thread that moves messages into its bounded
 * {@link io.github.seastreamer.spi.Inbox} (1024 by default, see
 * {@link io.github.seastreamer.mem.MemConsumerOptions}) and parks when it has caught up
 * or the buffer is full. Seek and rewind futures complete on the delivery executor.</li>
 * <li>{@code disconnect()} ends the streamer's producers ({@code ProducerEndedException})
 * and closes its consumers ({@code StreamEndedException}); the broker keeps the data.
 * {@link io.github.seastreamer.mem.MemStreamerProvider#dropBroker(String)} forgets a
 * broker.</li>
 * </ul>
 */
@NullMarked
package io.github.seastreamer.mem;

import org.jspecify.annotations.NullMarked;
