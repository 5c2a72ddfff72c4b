package io.github.seastreamer.file.format;

/**
 * Big-endian helpers and JSON string quoting.
 */
final class Bytes {

	private Bytes() {
	}

	static void putLong(byte[] out, int at, long v) {
		for (int i = 7; i >= 0; i--) {
			out[at + i] = (byte) v;
			v >>>= 8;
		}
	}

	static void putInt(byte[] out, int at, int v) {
		out[at] = (byte) (v >>> 24);
		out[at + 1] = (byte) (v >>> 16);
		out[at + 2] = (byte) (v >>> 8);
		out[at + 3] = (byte) v;
	}

	static long getLong(byte[] in, int at) {
		long v = 0;
		for (int i = 0; i < 8; i++) {
			v = (v << 8) | (in[at + i] & 0xFF);
		}
		return v;
	}

	static int getInt(byte[] in, int at) {
		return ((in[at] & 0xFF) << 24) | ((in[at + 1] & 0xFF) << 16) | ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
	}

	static int getShort(byte[] in, int at) {
		return ((in[at] & 0xFF) << 8) | (in[at + 1] & 0xFF);
	}

}
