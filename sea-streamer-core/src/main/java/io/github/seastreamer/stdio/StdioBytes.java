package io.github.seastreamer.stdio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import io.github.seastreamer.Utf8;

/**
 * Byte scans on the hot paths of the stdio backend, eight bytes at a time: finding the
 * end of a line, and checking UTF-8 with a fast path for ASCII.
 */
final class StdioBytes {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long NEWLINES = ONES * '\n';

	private StdioBytes() {
	}

	/**
	 * Find the first {@code \n} in {@code buffer[from, to)} and note whether every byte
	 * before it is ASCII, in one pass of eight bytes at a time.
	 * @return -1 if there is no newline, else {@code (index << 1) | ascii}
	 */
	static long scanLine(byte[] buffer, int from, int to) {
		long high = 0;
		int i = from;
		for (; i + Long.BYTES <= to; i += Long.BYTES) {
			long word = (long) LONGS.get(buffer, i);
			long x = word ^ NEWLINES;
			long zeros = (x - ONES) & ~x & HIGH_BITS;
			if (zeros != 0) {
				int before = Long.numberOfTrailingZeros(zeros) >>> 3;
				high |= word & ((1L << (before * 8)) - 1);
				return found(i + before, high);
			}
			high |= word;
		}
		for (; i < to; i++) {
			byte b = buffer[i];
			if (b == '\n') {
				return found(i, high);
			}
			high |= b & 0xFF;
		}
		return -1;
	}

	private static long found(int index, long high) {
		return ((long) index << 1) | (((high & HIGH_BITS) == 0) ? 1 : 0);
	}

	/**
	 * Whether {@code buffer[from, to)} is valid UTF-8; ASCII is checked eight bytes at a
	 * time, the rest from the first non-ASCII byte on.
	 */
	static boolean isUtf8(byte[] buffer, int from, int to) {
		int i = from;
		for (; i + Long.BYTES <= to; i += Long.BYTES) {
			if (((long) LONGS.get(buffer, i) & HIGH_BITS) != 0) {
				break;
			}
		}
		for (; i < to; i++) {
			if (buffer[i] < 0) {
				return Utf8.isValid(buffer, i, to - i);
			}
		}
		return true;
	}

}
