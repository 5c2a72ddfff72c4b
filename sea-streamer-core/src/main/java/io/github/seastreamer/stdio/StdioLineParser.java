package io.github.seastreamer.stdio;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.StreamKey;

/**
 * Parses one input line (without its line terminator) into optional header fields and a
 * payload, following the grammar of the stdio backend.
 *
 * <pre>
 * line      := meta-line | raw-line
 * meta-line := "[" inner "]" rest       ; "[" is the very first byte, inner has no "]"
 * inner     := part { "|" part }        ; each part trimmed of white space
 * fields    := [ timestamp "|" ] [ stream_key [ "|" sequence [ "|" shard_id ] ] ]
 * </pre>
 *
 * <p>
 * The parser works on the UTF-8 bytes of the line (the caller has checked that they are
 * valid UTF-8) and allocates nothing for the common case of a line whose key and
 * timestamp second are the same as the previous line's: it keeps the last key and the
 * last parsed second. An instance is therefore confined to one thread.
 */
final class StdioLineParser {

	private static final int TIMESTAMP_SECONDS_LENGTH = 19;

	/** (2^64 - 1) / 10: a larger value times 10 does not fit in an unsigned long. */
	private static final long MAX_U64_DIV_10 = 1844674407370955161L;

	private byte @Nullable [] lastKeyBytes;

	private @Nullable StreamKey lastKey;

	private final byte[] lastSecondBytes = new byte[TIMESTAMP_SECONDS_LENGTH];

	private long lastEpochSecond;

	private boolean hasLastSecond;

	/** Lines printed by a stdio producer carry whole seconds: many share one instant. */
	private @Nullable Instant lastInstant;

	/**
	 * The outcome of parsing one line; reused from line to line by its owner.
	 */
	static final class Result {

		boolean meta;

		@Nullable Instant timestamp;

		@Nullable StreamKey key;

		boolean hasSequence;

		long sequence;

		boolean hasShard;

		long shard;

		int payloadStart;

		int payloadEnd;

		@Nullable String error;

		void reset() {
			this.meta = false;
			this.timestamp = null;
			this.key = null;
			this.hasSequence = false;
			this.sequence = 0;
			this.hasShard = false;
			this.shard = 0;
			this.payloadStart = 0;
			this.payloadEnd = 0;
			this.error = null;
		}

	}

	/**
	 * Parse a line given as text, for tests and tools.
	 * @param line the line, without its terminator
	 * @return the fields
	 * @throws IllegalArgumentException naming the problem if the meta cannot be parsed
	 */
	static StdioLine parse(String line) {
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		Result result = new Result();
		if (!new StdioLineParser().parse(bytes, 0, bytes.length, result)) {
			throw new IllegalArgumentException(result.error);
		}
		String payload = new String(bytes, result.payloadStart, result.payloadEnd - result.payloadStart,
				StandardCharsets.UTF_8);
		return new StdioLine(result.timestamp, result.key, result.hasSequence ? result.sequence : null,
				result.hasShard ? result.shard : null, payload);
	}

	/**
	 * Parse the line in {@code data[start, end)}.
	 * @param data the bytes, valid UTF-8
	 * @param start the first byte of the line
	 * @param end just after the last byte of the line (no terminator)
	 * @param result where to put the fields; reset first
	 * @return {@code false} if the meta is malformed ({@code result.error} says why)
	 */
	boolean parse(byte[] data, int start, int end, Result result) {
		result.reset();
		int close = metaEnd(data, start, end);
		if (close < 0) {
			result.payloadStart = start;
			result.payloadEnd = end;
			return true;
		}
		result.meta = true;
		int partStart = start + 1;
		while (true) {
			int bar = partStart;
			while (bar < close && data[bar] != '|') {
				bar++;
			}
			int from = trimStart(data, partStart, bar);
			int to = trimEnd(data, from, bar);
			if (!acceptPart(data, from, to, result)) {
				String part = new String(data, from, to - from, StandardCharsets.UTF_8);
				result.error = "cannot parse meta `"
						+ new String(data, start, close + 1 - start, StandardCharsets.UTF_8) + "`: "
						+ (part.isEmpty() ? "empty part" : "unknown part `" + part + "`");
				return false;
			}
			if (bar == close) {
				break;
			}
			partStart = bar + 1;
		}
		result.payloadStart = trimStart(data, close + 1, end);
		result.payloadEnd = trimEnd(data, result.payloadStart, end);
		return true;
	}

	/**
	 * Where the meta bracket closes, or -1 for a raw line: the line starts with
	 * {@code [}, and a {@code ]} follows with at least one byte between them.
	 */
	private static int metaEnd(byte[] data, int start, int end) {
		if (end - start < 3 || data[start] != '[') {
			return -1;
		}
		for (int i = start + 1; i < end; i++) {
			if (data[i] == ']') {
				return (i == start + 1) ? -1 : i;
			}
		}
		return -1;
	}

	private boolean acceptPart(byte[] data, int from, int to, Result result) {
		if (result.timestamp == null && result.key == null) {
			Instant timestamp = parseTimestamp(data, from, to);
			if (timestamp != null) {
				result.timestamp = timestamp;
				return true;
			}
		}
		if (result.key == null) {
			StreamKey key = parseKey(data, from, to);
			if (key != null) {
				result.key = key;
				return true;
			}
			return false;
		}
		if (!result.hasSequence && !result.hasShard) {
			if (parseUnsigned(data, from, to, result, true)) {
				result.hasSequence = true;
				return true;
			}
			return false;
		}
		if (result.hasSequence && !result.hasShard) {
			if (parseUnsigned(data, from, to, result, false)) {
				result.hasShard = true;
				return true;
			}
		}
		return false;
	}

	private @Nullable StreamKey parseKey(byte[] data, int from, int to) {
		int length = to - from;
		if (length < 1 || length > StreamKey.MAX_LENGTH) {
			return null;
		}
		byte[] last = this.lastKeyBytes;
		if (last != null && last.length == length && Arrays.equals(last, 0, length, data, from, to)) {
			return this.lastKey;
		}
		for (int i = from; i < to; i++) {
			if (data[i] < 0 || !StreamKey.isKeyChar((char) data[i])) {
				return null;
			}
		}
		StreamKey key = StreamKey.of(new String(data, from, length, StandardCharsets.US_ASCII));
		this.lastKeyBytes = Arrays.copyOfRange(data, from, to);
		this.lastKey = key;
		return key;
	}

	/**
	 * An unsigned 64-bit decimal with an optional leading {@code +}, as Rust's integer
	 * parser reads it.
	 */
	private static boolean parseUnsigned(byte[] data, int from, int to, Result result, boolean sequence) {
		int i = from;
		if (i < to && data[i] == '+') {
			i++;
		}
		if (i >= to) {
			return false;
		}
		long value = 0;
		for (; i < to; i++) {
			int digit = data[i] - '0';
			if (digit < 0 || digit > 9) {
				return false;
			}
			if (Long.compareUnsigned(value, MAX_U64_DIV_10) > 0 || (value == MAX_U64_DIV_10 && digit > 5)) {
				return false;
			}
			value = value * 10 + digit;
		}
		if (sequence) {
			result.sequence = value;
		}
		else {
			result.shard = value;
		}
		return true;
	}

	/**
	 * {@code YYYY-MM-DDTHH:MM:SS} with an optional fraction of 1 to 9 digits, UTC, no
	 * zone; fields range-checked.
	 */
	private @Nullable Instant parseTimestamp(byte[] data, int from, int to) {
		int length = to - from;
		if (length < TIMESTAMP_SECONDS_LENGTH || length == TIMESTAMP_SECONDS_LENGTH + 1
				|| length > TIMESTAMP_SECONDS_LENGTH + 10) {
			return null;
		}
		int nanos = 0;
		if (length > TIMESTAMP_SECONDS_LENGTH) {
			int dot = from + TIMESTAMP_SECONDS_LENGTH;
			if (data[dot] != '.') {
				return null;
			}
			int digits = 0;
			for (int i = dot + 1; i < to; i++) {
				int digit = data[i] - '0';
				if (digit < 0 || digit > 9) {
					return null;
				}
				nanos = nanos * 10 + digit;
				digits++;
			}
			for (; digits < 9; digits++) {
				nanos *= 10;
			}
		}
		long epochSecond;
		if (this.hasLastSecond && Arrays.equals(this.lastSecondBytes, 0, TIMESTAMP_SECONDS_LENGTH, data, from,
				from + TIMESTAMP_SECONDS_LENGTH)) {
			epochSecond = this.lastEpochSecond;
		}
		else {
			long parsed = parseSeconds(data, from);
			if (parsed == Long.MIN_VALUE) {
				return null;
			}
			epochSecond = parsed;
			System.arraycopy(data, from, this.lastSecondBytes, 0, TIMESTAMP_SECONDS_LENGTH);
			this.lastEpochSecond = epochSecond;
			this.hasLastSecond = true;
		}
		Instant last = this.lastInstant;
		if (last != null && last.getEpochSecond() == epochSecond && last.getNano() == nanos) {
			return last;
		}
		Instant timestamp = Instant.ofEpochSecond(epochSecond, nanos);
		this.lastInstant = timestamp;
		return timestamp;
	}

	private static long parseSeconds(byte[] data, int from) {
		if (data[from + 4] != '-' || data[from + 7] != '-' || data[from + 10] != 'T' || data[from + 13] != ':'
				|| data[from + 16] != ':') {
			return Long.MIN_VALUE;
		}
		int year = number(data, from, 4);
		int month = number(data, from + 5, 2);
		int day = number(data, from + 8, 2);
		int hour = number(data, from + 11, 2);
		int minute = number(data, from + 14, 2);
		int second = number(data, from + 17, 2);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59) {
			return Long.MIN_VALUE;
		}
		try {
			return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
		}
		catch (DateTimeException ex) {
			return Long.MIN_VALUE;
		}
	}

	private static int number(byte[] data, int from, int digits) {
		int value = 0;
		for (int i = from; i < from + digits; i++) {
			int digit = data[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/**
	 * Skip leading white space as Rust's {@code str::trim} defines it (Unicode
	 * White_Space), on UTF-8 bytes.
	 */
	static int trimStart(byte[] data, int from, int to) {
		int i = from;
		while (i < to) {
			if (data[i] > ' ') {
				return i;
			}
			int width = whiteSpaceAt(data, i, to);
			if (width == 0) {
				break;
			}
			i += width;
		}
		return i;
	}

	/**
	 * Drop trailing white space (Unicode White_Space) from UTF-8 bytes.
	 */
	static int trimEnd(byte[] data, int from, int to) {
		int end = to;
		while (end > from) {
			if (data[end - 1] > ' ') {
				return end;
			}
			int b = data[end - 1] & 0xFF;
			if (b < 0x80) {
				if (isAsciiWhiteSpace(b)) {
					end--;
					continue;
				}
				break;
			}
			if (end - 2 >= from && whiteSpaceAt(data, end - 2, end) == 2) {
				end -= 2;
				continue;
			}
			if (end - 3 >= from && whiteSpaceAt(data, end - 3, end) == 3) {
				end -= 3;
				continue;
			}
			break;
		}
		return end;
	}

	private static boolean isAsciiWhiteSpace(int b) {
		return b == ' ' || (b >= 0x09 && b <= 0x0D);
	}

	/**
	 * The width of the white-space character starting at {@code i}, or 0: ASCII
	 * {@code \t \n \v \f \r} and space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
	 * U+2029, U+202F, U+205F, U+3000.
	 */
	private static int whiteSpaceAt(byte[] data, int i, int to) {
		int b0 = data[i] & 0xFF;
		if (b0 < 0x80) {
			return isAsciiWhiteSpace(b0) ? 1 : 0;
		}
		if (b0 == 0xC2 && i + 1 < to) {
			int b1 = data[i + 1] & 0xFF;
			return (b1 == 0x85 || b1 == 0xA0) ? 2 : 0;
		}
		if (i + 2 >= to) {
			return 0;
		}
		int b1 = data[i + 1] & 0xFF;
		int b2 = data[i + 2] & 0xFF;
		if (b0 == 0xE1) {
			return (b1 == 0x9A && b2 == 0x80) ? 3 : 0;
		}
		if (b0 == 0xE2) {
			if (b1 == 0x80) {
				return ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) ? 3 : 0;
			}
			return (b1 == 0x81 && b2 == 0x9F) ? 3 : 0;
		}
		if (b0 == 0xE3) {
			return (b1 == 0x80 && b2 == 0x80) ? 3 : 0;
		}
		return 0;
	}

}
