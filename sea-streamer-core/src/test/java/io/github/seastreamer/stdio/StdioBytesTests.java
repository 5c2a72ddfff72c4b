package io.github.seastreamer.stdio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word-at-a-time byte scans agree with a byte-by-byte scan at every offset and
 * alignment.
 */
class StdioBytesTests {

	private static int newlineOf(byte[] bytes, int from, int to) {
		long found = StdioBytes.scanLine(bytes, from, to);
		return (found < 0) ? -1 : (int) (found >>> 1);
	}

	private static boolean asciiBefore(byte[] bytes, int from, int to) {
		long found = StdioBytes.scanLine(bytes, from, to);
		assertThat(found).as("a newline in [%d, %d)", from, to).isNotNegative();
		return (found & 1) != 0;
	}

	@Test
	void newlineIsFoundAtEveryPositionAndAlignment() {
		for (int length = 0; length < 40; length++) {
			for (int at = 0; at < length; at++) {
				byte[] bytes = "abcdefghijklmnopqrstuvwxyz0123456789ABCD".substring(0, length)
					.getBytes(StandardCharsets.US_ASCII);
				bytes[at] = '\n';
				for (int from = 0; from <= at; from++) {
					assertThat(newlineOf(bytes, from, length)).as("length %d, at %d, from %d", length, at, from)
						.isEqualTo(at);
					assertThat(asciiBefore(bytes, from, length)).isTrue();
				}
				assertThat(newlineOf(bytes, at + 1, length)).isEqualTo(-1);
			}
		}
	}

	@Test
	void firstOfSeveralNewlinesAndBytesAboveNewlineAreNotConfused() {
		byte[] bytes = { 0x0B, 0x09, (byte) 0x8A, 0x1A, 'x', '\n', '\n', 'y', '\n' };
		assertThat(newlineOf(bytes, 0, bytes.length)).isEqualTo(5);
		assertThat(newlineOf(bytes, 0, 5)).isEqualTo(-1);
		assertThat(asciiBefore(bytes, 0, bytes.length)).isFalse();
		assertThat(asciiBefore(bytes, 3, bytes.length)).isTrue();
	}

	@Test
	void asciiFlagCoversExactlyTheBytesBeforeTheNewline() {
		for (int length = 2; length < 30; length++) {
			for (int newline = 0; newline < length; newline++) {
				for (int high = 0; high < length; high++) {
					if (high == newline) {
						continue;
					}
					byte[] bytes = new byte[length];
					Arrays.fill(bytes, (byte) 'a');
					bytes[newline] = '\n';
					bytes[high] = (byte) 0xC3;
					assertThat(asciiBefore(bytes, 0, length))
						.as("length %d, newline at %d, non-ASCII at %d", length, newline, high)
						.isEqualTo(high > newline);
				}
			}
		}
	}

	@Test
	void utf8CheckFindsAnInvalidByteAtEveryOffset() {
		for (int length = 1; length < 30; length++) {
			for (int at = 0; at < length; at++) {
				byte[] bytes = "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
				bytes[at] = (byte) 0xFF;
				assertThat(StdioBytes.isUtf8(bytes, 0, length)).as("length %d, at %d", length, at).isFalse();
				assertThat(StdioBytes.isUtf8(bytes, 0, at)).isTrue();
			}
		}
	}

	@Test
	void utf8CheckAcceptsMultiByteTextAtEveryAlignment() {
		byte[] text = "ascii héllo 日本 \uD83D\uDE80 end".getBytes(StandardCharsets.UTF_8);
		for (int pad = 0; pad < 9; pad++) {
			byte[] bytes = new byte[pad + text.length];
			Arrays.fill(bytes, 0, pad, (byte) 'p');
			System.arraycopy(text, 0, bytes, pad, text.length);
			assertThat(StdioBytes.isUtf8(bytes, 0, bytes.length)).isTrue();
			assertThat(StdioBytes.isUtf8(bytes, 0, bytes.length - 5)).as("cut inside the rocket").isFalse();
		}
	}

}
