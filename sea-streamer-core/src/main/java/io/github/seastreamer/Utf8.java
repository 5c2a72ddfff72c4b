package io.github.seastreamer;

/**
 * UTF-8 validity checks without decoding.
 */
public final class Utf8 {

	private Utf8() {
	}

	/**
	 * Whether a range of bytes is well-formed UTF-8 (no overlongs, no surrogates, at most
	 * U+10FFFF).
	 * @param data the bytes
	 * @param offset where to start
	 * @param length how many bytes
	 * @return {@code true} if valid
	 */
	public static boolean isValid(byte[] data, int offset, int length) {
		int i = offset;
		int end = offset + length;
		while (i < end) {
			int b = data[i] & 0xFF;
			if (b < 0x80) {
				i++;
				continue;
			}
			int need;
			int min;
			if (b >= 0xC2 && b <= 0xDF) {
				need = 1;
				min = 0x80;
			}
			else if (b >= 0xE0 && b <= 0xEF) {
				need = 2;
				min = 0x800;
			}
			else if (b >= 0xF0 && b <= 0xF4) {
				need = 3;
				min = 0x10000;
			}
			else {
				return false;
			}
			if (i + need >= end) {
				return false;
			}
			int cp = b & (0x3F >> need);
			for (int k = 1; k <= need; k++) {
				int c = data[i + k] & 0xFF;
				if ((c & 0xC0) != 0x80) {
					return false;
				}
				cp = (cp << 6) | (c & 0x3F);
			}
			if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
				return false;
			}
			i += need + 1;
		}
		return true;
	}

}
