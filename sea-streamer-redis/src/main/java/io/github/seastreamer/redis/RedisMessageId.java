package io.github.seastreamer.redis;

import java.time.Instant;

import io.github.seastreamer.BackendException;

/**
 * A Redis Stream entry id {@code <ms>-<n>} and its packing into a SeaStreamer sequence
 * number.
 *
 * <pre>
 * sequence (64 bits) = | ms (48 bits) | n (16 bits) |
 * </pre>
 *
 * Immutable and thread-safe.
 *
 * @param ms the millisecond part, at most 2<sup>48</sup>-1
 * @param n the sequence part, at most 65535
 */
record RedisMessageId(long ms, int n) implements Comparable<RedisMessageId> {

	static final long MAX_MS = (1L << 48) - 1;

	static final RedisMessageId ZERO = new RedisMessageId(0, 0);

	RedisMessageId {
		if (ms < 0 || ms > MAX_MS) {
			throw new BackendException("redis", "Timestamp out of range: " + Long.toUnsignedString(ms));
		}
		if (n < 0 || n > 0xFFFF) {
			throw new BackendException("redis", "Sequence number out of range: " + n);
		}
	}

	/**
	 * Parse {@code <ms>-<n>}.
	 * @param id the text
	 * @return the id
	 * @throws BackendException naming the text if it is not a valid id
	 */
	static RedisMessageId parse(String id) {
		int dash = id.indexOf('-');
		if (dash <= 0 || dash == id.length() - 1 || dash > 20 || id.length() - dash - 1 > 20) {
			throw invalid(id);
		}
		long ms = parseDecimal(id, 0, dash);
		long n = parseDecimal(id, dash + 1, id.length());
		if (ms < 0 || n < 0) {
			throw invalid(id);
		}
		if (n > 0xFFFF) {
			throw new BackendException("redis", "Failed to parse message ID: Sequence number out of range: " + n);
		}
		if (ms > MAX_MS) {
			throw new BackendException("redis", "Failed to parse message ID: Timestamp out of range: " + ms);
		}
		return new RedisMessageId(ms, (int) n);
	}

	private static long parseDecimal(String text, int from, int to) {
		if (to - from > 18) {
			// longer than any valid value: out of range, reported by the caller
			for (int i = from; i < to; i++) {
				if (text.charAt(i) < '0' || text.charAt(i) > '9') {
					return -1;
				}
			}
			return Long.MAX_VALUE;
		}
		long value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static BackendException invalid(String id) {
		return new BackendException("redis", "Failed to parse message ID: " + id);
	}

	/**
	 * Unpack a sequence number.
	 * @param sequence {@code (ms << 16) | n}
	 * @return the id
	 */
	static RedisMessageId fromSequence(long sequence) {
		return new RedisMessageId(sequence >>> 16, (int) (sequence & 0xFFFF));
	}

	/**
	 * The id of the last possible entry of a millisecond, so that reading after it starts
	 * at the next millisecond.
	 * @param timestamp the time
	 * @return {@code <ms>-65535}
	 */
	static RedisMessageId lastOf(Instant timestamp) {
		return new RedisMessageId(timestamp.toEpochMilli(), 0xFFFF);
	}

	/**
	 * The packed sequence number.
	 * @return {@code (ms << 16) | n}
	 */
	long sequence() {
		return (this.ms << 16) | this.n;
	}

	/**
	 * The timestamp.
	 * @return the millisecond as an instant
	 */
	Instant timestamp() {
		return Instant.ofEpochMilli(this.ms);
	}

	@Override
	public int compareTo(RedisMessageId other) {
		int c = Long.compare(this.ms, other.ms);
		return (c != 0) ? c : Integer.compare(this.n, other.n);
	}

	@Override
	public String toString() {
		return this.ms + "-" + this.n;
	}

}
