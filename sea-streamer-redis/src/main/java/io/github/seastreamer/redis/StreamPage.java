package io.github.seastreamer.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import org.jspecify.annotations.Nullable;

/**
 * One {@code XREAD}/{@code XREADGROUP} reply, decoded straight from Lettuce's reply
 * parser into flat arrays: per entry its sequence number ({@code ms << 16 | n}) and the
 * bytes of the message field (copied once), grouped in runs of one Redis key.
 *
 * <p>
 * Lettuce's own stream output builds a {@code StreamMessage} per entry with a
 * {@code LinkedHashMap} body and an id decoded to a {@code String}; on the consumer's hot
 * path that decoding took a large share of the event loop's time, and the id was then
 * parsed a second time. Written by one {@link Output} on the connection's event loop,
 * then read by the consumer's loop step: the future completing the command publishes it
 * safely; not thread-safe otherwise.
 *
 * <pre>
 * RESP2: *streams [ *2 [ key, *entries [ *2 [ id, *2k [ field, value, ... ] ] ] ] ]
 * RESP3: %streams { key: *entries [ *2 [ id, *2k [ field, value, ... ] ] ] }
 * </pre>
 */
final class StreamPage {

	private static final int INITIAL = 16;

	private int size;

	private long[] sequences = new long[INITIAL];

	private @Nullable byte[][] payloads = new byte[INITIAL][];

	/** Ids that are not {@code ms-n} in range, as sent (parsed again to report them). */
	private @Nullable String @Nullable [] oddIds;

	/** Entries without the message field that have other fields. */
	private boolean @Nullable [] withOtherFields;

	/**
	 * The other fields of entries that have the message field too (attributes a producer
	 * sent beside the payload); null until one has.
	 */
	private @Nullable Map<String, String> @Nullable [] attributes;

	private int runs;

	private byte[][] runKeys = new byte[4][];

	/** Index after the last entry of each run. */
	private int[] runEnds = new int[4];

	/**
	 * The number of entries.
	 * @return the size
	 */
	int size() {
		return this.size;
	}

	/**
	 * The number of runs of entries of one Redis key.
	 * @return the runs
	 */
	int runs() {
		return this.runs;
	}

	byte[] runKey(int run) {
		return this.runKeys[run];
	}

	int runStart(int run) {
		return (run == 0) ? 0 : this.runEnds[run - 1];
	}

	int runEnd(int run) {
		return this.runEnds[run];
	}

	/**
	 * The sequence number of an entry.
	 * @param index the entry
	 * @return {@code ms << 16 | n}
	 * @throws io.github.seastreamer.BackendException if the id is not a valid stream id
	 */
	long sequence(int index) {
		String odd = (this.oddIds != null) ? this.oddIds[index] : null;
		return (odd != null) ? RedisMessageId.parse(odd).sequence() : this.sequences[index];
	}

	/**
	 * The id of an entry as Redis writes it.
	 * @param index the entry
	 * @return the id text
	 */
	String id(int index) {
		String odd = (this.oddIds != null) ? this.oddIds[index] : null;
		return (odd != null) ? odd : idText(this.sequences[index]);
	}

	static String idText(long sequence) {
		return (sequence >>> 16) + "-" + (sequence & 0xFFFF);
	}

	/**
	 * The payload of an entry.
	 * @param index the entry
	 * @return the value of the message field, or {@code null} if the entry has none
	 */
	byte @Nullable [] payload(int index) {
		return this.payloads[index];
	}

	/**
	 * Whether an entry without the message field has other fields (it was not written by
	 * SeaStreamer) rather than none (deleted while pending).
	 * @param index the entry
	 * @return {@code true} if it has fields
	 */
	boolean hasOtherFields(int index) {
		return this.withOtherFields != null && this.withOtherFields[index];
	}

	/**
	 * The fields of an entry beside the message field, as UTF-8 text: the message's
	 * attributes.
	 * @param index the entry
	 * @return the fields in the order sent; empty if there are none
	 */
	Map<String, String> attributes(int index) {
		Map<String, String> fields = (this.attributes != null) ? this.attributes[index] : null;
		return (fields != null) ? fields : Map.of();
	}

	private void startRun(byte[] key) {
		if (this.runs > 0 && runStart(this.runs - 1) == this.size) {
			// the previous key had no entries
			this.runKeys[this.runs - 1] = key;
			return;
		}
		if (this.runs == this.runKeys.length) {
			this.runKeys = Arrays.copyOf(this.runKeys, this.runs * 2);
			this.runEnds = Arrays.copyOf(this.runEnds, this.runs * 2);
		}
		this.runKeys[this.runs] = key;
		this.runEnds[this.runs] = this.size;
		this.runs++;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void add(long sequence, @Nullable String oddId, byte @Nullable [] payload, boolean otherFields,
			@Nullable Map<String, String> fields) {
		if (this.runs == 0) {
			// an entry outside a stream: cannot happen with a well-formed reply
			return;
		}
		int index = this.size;
		if (index == this.sequences.length) {
			int grown = index * 2;
			this.sequences = Arrays.copyOf(this.sequences, grown);
			this.payloads = Arrays.copyOf(this.payloads, grown);
			if (this.oddIds != null) {
				this.oddIds = Arrays.copyOf(this.oddIds, grown);
			}
			if (this.withOtherFields != null) {
				this.withOtherFields = Arrays.copyOf(this.withOtherFields, grown);
			}
			if (this.attributes != null) {
				this.attributes = Arrays.copyOf(this.attributes, grown);
			}
		}
		this.sequences[index] = sequence;
		this.payloads[index] = payload;
		if (oddId != null) {
			if (this.oddIds == null) {
				this.oddIds = new String[this.sequences.length];
			}
			this.oddIds[index] = oddId;
		}
		if (otherFields) {
			if (this.withOtherFields == null) {
				this.withOtherFields = new boolean[this.sequences.length];
			}
			this.withOtherFields[index] = true;
		}
		if (fields != null && payload != null) {
			if (this.attributes == null) {
				this.attributes = new Map[this.sequences.length];
			}
			this.attributes[index] = fields;
		}
		this.size = index + 1;
		this.runEnds[this.runs - 1] = this.size;
	}

	/**
	 * The Lettuce output that fills a page. It follows the reply's nesting by counting
	 * the elements of every open aggregate, so it needs nothing of the parser but the
	 * order of the {@code multi}/{@code set} calls, and reads RESP2 (an array of
	 * {@code [key, entries]} pairs) and RESP3 (a map of key to entries) alike; a null
	 * reply (a {@code BLOCK} that timed out) is an empty page.
	 */
	static final class Output extends CommandOutput<byte[], byte[], StreamPage> {

		/** Not yet known: the level of the stream keys (2 in RESP2, 1 in RESP3). */
		private static final int UNKNOWN = -1;

		private final byte[] field;

		private int[] remaining = new int[8];

		private int depth;

		private int keyLevel = UNKNOWN;

		private boolean idSeen;

		private long sequence;

		private @Nullable String oddId;

		private byte @Nullable [] payload;

		private int fieldIndex;

		private boolean valueIsPayload;

		private boolean otherFields;

		/** The entry's other fields so far (rare: only entries carrying attributes). */
		private @Nullable Map<String, String> fields;

		/** The name of the other field whose value comes next. */
		private @Nullable String fieldName;

		/**
		 * Create an output for one command.
		 * @param field the message field, {@code msg} by default
		 */
		Output(byte[] field) {
			super(ByteArrayCodec.INSTANCE, new StreamPage());
			this.field = field;
		}

		@Override
		public void set(@Nullable ByteBuffer bytes) {
			int level = enter();
			leaf(level, bytes);
			leave();
		}

		@Override
		public void set(long integer) {
			set((ByteBuffer) null);
		}

		@Override
		public void set(double number) {
			set((ByteBuffer) null);
		}

		@Override
		public void set(boolean value) {
			set((ByteBuffer) null);
		}

		@Override
		public void multi(int count) {
			int level = enter();
			if (level == 1 && this.keyLevel == UNKNOWN) {
				// RESP2: the streams are [key, entries] pairs
				this.keyLevel = 2;
			}
			if (this.keyLevel != UNKNOWN && level == this.keyLevel + 1) {
				startEntry();
			}
			if (count > 0) {
				if (this.depth == this.remaining.length) {
					this.remaining = Arrays.copyOf(this.remaining, this.depth * 2);
				}
				this.remaining[this.depth++] = count;
			}
			else {
				closed(level);
				leave();
			}
		}

		/** Count a new element in the innermost open aggregate; returns its level. */
		private int enter() {
			int level = this.depth;
			if (level > 0) {
				this.remaining[level - 1]--;
			}
			return level;
		}

		/** Close every aggregate whose last element is complete. */
		private void leave() {
			while (this.depth > 0 && this.remaining[this.depth - 1] == 0) {
				this.depth--;
				closed(this.depth);
			}
		}

		private void closed(int level) {
			if (this.keyLevel != UNKNOWN && level == this.keyLevel + 1) {
				this.output.add(this.sequence, this.oddId, this.payload, this.payload == null && this.otherFields,
						this.fields);
				startEntry();
			}
		}

		private void startEntry() {
			this.idSeen = false;
			this.sequence = 0;
			this.oddId = null;
			this.payload = null;
			this.fieldIndex = 0;
			this.valueIsPayload = false;
			this.otherFields = false;
			this.fields = null;
			this.fieldName = null;
		}

		private void leaf(int level, @Nullable ByteBuffer bytes) {
			if (level == 1 && this.keyLevel == UNKNOWN) {
				// RESP3: the streams are a map of key to entries
				this.keyLevel = 1;
			}
			if (this.keyLevel == UNKNOWN) {
				return;
			}
			if (level == this.keyLevel) {
				if (bytes != null) {
					byte[] key = new byte[bytes.remaining()];
					bytes.get(key);
					this.output.startRun(key);
				}
			}
			else if (level == this.keyLevel + 2) {
				if (!this.idSeen) {
					this.idSeen = true;
					parseId(bytes);
				}
			}
			else if (level == this.keyLevel + 3) {
				if ((this.fieldIndex++ & 1) == 0) {
					this.valueIsPayload = this.payload == null && isField(bytes);
					this.otherFields |= !this.valueIsPayload;
					this.fieldName = this.valueIsPayload ? null : text(bytes);
				}
				else if (this.fieldName != null) {
					if (this.fields == null) {
						this.fields = new LinkedHashMap<>();
					}
					this.fields.put(this.fieldName, text(bytes));
					this.fieldName = null;
				}
				else if (this.valueIsPayload) {
					byte[] value = new byte[(bytes != null) ? bytes.remaining() : 0];
					if (bytes != null) {
						bytes.get(value);
					}
					this.payload = value;
					this.valueIsPayload = false;
				}
			}
		}

		private static String text(@Nullable ByteBuffer bytes) {
			return (bytes != null) ? StandardCharsets.UTF_8.decode(bytes.duplicate()).toString() : "";
		}

		private boolean isField(@Nullable ByteBuffer bytes) {
			if (bytes == null || bytes.remaining() != this.field.length) {
				return false;
			}
			int position = bytes.position();
			for (int i = 0; i < this.field.length; i++) {
				if (bytes.get(position + i) != this.field[i]) {
					return false;
				}
			}
			return true;
		}

		/** {@code ms-n} in range, else the text is kept to be reported. */
		private void parseId(@Nullable ByteBuffer bytes) {
			if (bytes == null) {
				this.oddId = "";
				return;
			}
			int start = bytes.position();
			int end = bytes.limit();
			long ms = 0;
			long n = 0;
			int dash = -1;
			boolean valid = end - start >= 3 && end - start <= 21;
			for (int i = start; valid && i < end; i++) {
				byte b = bytes.get(i);
				if (b == '-' && dash < 0 && i > start && i < end - 1) {
					dash = i;
				}
				else if (b >= '0' && b <= '9') {
					if (dash < 0) {
						ms = ms * 10 + (b - '0');
					}
					else {
						n = n * 10 + (b - '0');
					}
				}
				else {
					valid = false;
				}
			}
			// 21 bytes at most: 15 digits of ms (under 2^48 < 10^15) and 5 of n cannot
			// overflow; the range checks catch the rest
			if (valid && dash > 0 && dash - start <= 15 && end - dash - 1 <= 5 && ms <= RedisMessageId.MAX_MS
					&& n <= 0xFFFF) {
				this.sequence = (ms << 16) | n;
			}
			else {
				byte[] text = new byte[end - start];
				bytes.get(start, text);
				this.oddId = new String(text, StandardCharsets.UTF_8);
			}
		}

	}

}
