package io.github.seastreamer.mem;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The committed positions of one resumable consumer group: per shard log, the highest
 * committed sequence. Commits never move a position backwards; only {@link #move} does.
 */
final class ResumableGroup {

	private final ConcurrentMap<MemLog, AtomicLong> committed = new ConcurrentHashMap<>();

	/**
	 * The highest committed sequence of a log, 0 if none.
	 */
	long committed(MemLog log) {
		AtomicLong position = this.committed.get(log);
		return (position != null) ? position.get() : 0;
	}

	/**
	 * How many kept messages of a log follow the committed position (every kept message
	 * if nothing was committed).
	 */
	long lag(MemLog log) {
		long done = Math.max(committed(log), log.head() - 1);
		return Math.max(0, log.tail() - done);
	}

	/**
	 * Whether the group has a position on a log (a commit or a move).
	 */
	boolean isPositioned(MemLog log) {
		return this.committed.containsKey(log);
	}

	/**
	 * Set the position of a log, also backwards: the group resumes after that sequence.
	 */
	void move(MemLog log, long sequence) {
		this.committed.computeIfAbsent(log, (l) -> new AtomicLong()).set(sequence);
	}

	void commit(MemLog log, long sequence) {
		this.committed.computeIfAbsent(log, (l) -> new AtomicLong()).accumulateAndGet(sequence, Math::max);
	}

}
