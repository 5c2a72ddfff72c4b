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
	 * The first {@code \n} in {@code buffer[from, to)}, or -1; eight bytes at a time.
	 */
	static int indexOfNewline(byte[] buffer, int from, int to) {
		int i = from;
		for (; i + Long.BYTES <= to; i += Long.BYTES) {
			long word = (long) LONGS.get(buffer, i) ^ NEWLINES;
			long zeros = (word - ONES) & ~word & HIGH_BITS;
			if (zeros != 0) {
				return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
			}
		}
		for (; i < to; i++) {
			if (buffer[i] == '\n') {
				return i;
			}
		}
		return -1;
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
