package io.github.seastreamer;

import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Optionally implemented by a {@link Streamer} that can move a consumer group's committed
 * positions, so that the group's consumers created afterwards resume from a point in
 * time, the beginning or the end. Operations code checks
 * {@code streamer instanceof GroupRepositioner} and needs no backend-specific code.
 * <p>
 * Unlike {@link Consumer#seek} and {@link Consumer#rewind}, which move one consumer's
 * reading position, this changes what the group has committed, also backwards. Call it
 * while no consumer of the group is running: running consumers keep reading from where
 * they were and may commit over the new positions. Never blocks the caller; the future
 * fails with a {@link SeaStreamerException} (a real-time mode, an unwritable store).
 * Thread-safe.
 */
public interface GroupRepositioner {

	/**
	 * Move the group to the beginning, the end, or a sequence number of every given
	 * stream and shard.
	 * @param streams the streams (streams that do not exist yet are left alone)
	 * @param options the consumer options: the mode and the group (or the mode's default
	 * group)
	 * @param position {@link SeqPos#BEGINNING}: every kept message is to be read again;
	 * {@link SeqPos#END}: every message is done; {@link SeqPos.At}: the group resumes at
	 * that sequence number, as {@link Consumer#rewind} reads it on the backend
	 * @return a future completed once the positions are durable
	 */
	CompletableFuture<Void> moveGroup(Collection<StreamKey> streams, ConsumerOptions options, SeqPos position);

	/**
	 * Move the group so that it resumes at the first message of each given stream and
	 * shard whose timestamp is at or after the given time (past the end if there is
	 * none).
	 * @param streams the streams (streams that do not exist yet are left alone)
	 * @param options the consumer options: the mode and the group
	 * @param time the time
	 * @return a future completed once the positions are durable
	 */
	CompletableFuture<Void> moveGroup(Collection<StreamKey> streams, ConsumerOptions options, Instant time);

}
