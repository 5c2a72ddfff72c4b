package io.github.seastreamer.mem;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;

/**
 * The append-only log of one shard of one stream: sequence numbers from 1, contiguous; at
 * most {@code retention} messages kept.
 *
 * <p>
 * Appends are serialized by the log's monitor (one short lock per append). Readers take
 * no lock: messages live in fixed-size segments, and a reader that has read
 * {@link #tail()} sees every message up to it, because the writer publishes the segment
 * table and then the tail through volatile fields.
 */
final class MemLog {

	private static final int SEGMENT_BITS = 12;

	private static final int SEGMENT_SIZE = 1 << SEGMENT_BITS;

	private static final int SEGMENT_MASK = SEGMENT_SIZE - 1;

	private final StreamKey key;

	private final ShardId shard;

	private final int retention;

	private volatile Segments segments = new Segments(0, new Message[0][]);

	private volatile long head = 1;

	private volatile long tail;

	private Instant lastTimestamp = Instant.EPOCH;

	MemLog(StreamKey key, ShardId shard, int retention) {
		this.key = key;
		this.shard = shard;
		this.retention = retention;
	}

	StreamKey key() {
		return this.key;
	}

	ShardId shard() {
		return this.shard;
	}

	/**
	 * The sequence of the oldest message kept (the tail plus one when nothing is kept).
	 */
	long head() {
		return this.head;
	}

	/**
	 * The sequence of the newest message, 0 if none was ever appended.
	 */
	long tail() {
		return this.tail;
	}

	MessageHeader append(byte[] payload) {
		return append(payload, Map.of());
	}

	synchronized MessageHeader append(byte[] payload, Map<String, String> attributes) {
		long seq = this.tail + 1;
		Instant now = Instant.now();
		if (now.isBefore(this.lastTimestamp)) {
			now = this.lastTimestamp;
		}
		this.lastTimestamp = now;
		MessageHeader header = new MessageHeader(this.key, this.shard, seq, now);
		Message message = attributes.isEmpty() ? Message.of(header, payload)
				: Message.of(header, payload, 0, payload.length, attributes);
		Segments table = this.segments;
		long segment = (seq - 1) >>> SEGMENT_BITS;
		int index = (int) (segment - table.first);
		if (index == table.array.length) {
			Message[][] grown = new Message[index + 1][];
			System.arraycopy(table.array, 0, grown, 0, index);
			grown[index] = new Message[SEGMENT_SIZE];
			table = new Segments(table.first, grown);
			this.segments = table;
		}
		table.array[index][(int) ((seq - 1) & SEGMENT_MASK)] = message;
		if (seq - this.head + 1 > this.retention) {
			long newHead = seq - this.retention + 1;
			this.head = newHead;
			long firstKept = (newHead - 1) >>> SEGMENT_BITS;
			if (firstKept > table.first) {
				int drop = (int) (firstKept - table.first);
				Message[][] kept = new Message[table.array.length - drop][];
				System.arraycopy(table.array, drop, kept, 0, kept.length);
				this.segments = new Segments(firstKept, kept);
			}
		}
		this.tail = seq;
		return header;
	}

	/**
	 * The message of a sequence number between {@link #head()} and {@link #tail()}.
	 * @return the message, or {@code null} if it was dropped by retention (or not yet
	 * appended)
	 */
	@Nullable Message get(long seq) {
		if (seq < 1) {
			return null;
		}
		Segments table = this.segments;
		long index = ((seq - 1) >>> SEGMENT_BITS) - table.first;
		if (index < 0 || index >= table.array.length) {
			return null;
		}
		Message message = table.array[(int) index][(int) ((seq - 1) & SEGMENT_MASK)];
		if (message == null || seq < this.head) {
			return null;
		}
		return message;
	}

	/**
	 * The sequence of the first message kept whose timestamp is at or after the given
	 * time; {@code tail() + 1} if there is none.
	 */
	long firstAtOrAfter(Instant time) {
		long low = this.head;
		long high = this.tail + 1;
		while (low < high) {
			long mid = (low + high) >>> 1;
			Message message = get(mid);
			if (message == null) {
				// dropped meanwhile: everything up to the new head is gone
				low = Math.max(mid + 1, this.head);
				continue;
			}
			if (message.timestamp().isBefore(time)) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

	@Override
	public String toString() {
		return this.key + ":" + this.shard;
	}

	private record Segments(long first, Message[][] array) {

	}

}
