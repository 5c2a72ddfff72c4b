package io.github.seastreamer.file.format;

/**
 * CRC-16/CDMA2000 (polynomial {@code 0xC867}, init {@code 0xFFFF}, no reflection, no
 * final xor), table-driven; the frame checksum and the running checksum of the
 * {@code .ss} format.
 *
 * <p>
 * Stateless and thread-safe.
 */
public final class Crc16 {

	/** The initial value of every checksum. */
	public static final int INIT = 0xFFFF;

	private static final int POLY = 0xC867;

	private static final int[] TABLE = new int[256];

	/**
	 * Slicing-by-8 tables: {@code SLICES[k][x]} is the CRC (init 0) of byte {@code x}
	 * followed by {@code k} zero bytes, so eight bytes are folded in with eight
	 * independent lookups instead of a chain of eight.
	 */
	private static final int[][] SLICES = new int[8][256];

	/**
	 * Slicing-by-16 in one array: entry {@code (k << 8) | x} is the CRC (init 0) of byte
	 * {@code x} followed by {@code k} zero bytes.
	 */
	private static final int[] FLAT = new int[16 * 256];

	static {
		for (int i = 0; i < 256; i++) {
			int crc = i << 8;
			for (int bit = 0; bit < 8; bit++) {
				crc = ((crc & 0x8000) != 0) ? ((crc << 1) ^ POLY) : (crc << 1);
			}
			TABLE[i] = crc & 0xFFFF;
		}
		SLICES[0] = TABLE;
		for (int k = 1; k < 8; k++) {
			for (int i = 0; i < 256; i++) {
				int prev = SLICES[k - 1][i];
				SLICES[k][i] = TABLE[prev >>> 8] ^ ((prev << 8) & 0xFFFF);
			}
		}
		System.arraycopy(TABLE, 0, FLAT, 0, 256);
		for (int k = 1; k < 16; k++) {
			for (int i = 0; i < 256; i++) {
				int prev = FLAT[((k - 1) << 8) | i];
				FLAT[(k << 8) | i] = TABLE[prev >>> 8] ^ ((prev << 8) & 0xFFFF);
			}
		}
	}

	private Crc16() {
	}

	/**
	 * The table entry for one byte (the CRC of that byte with init 0).
	 * @param index the byte, 0 to 255
	 * @return the entry
	 */
	public static int tableEntry(int index) {
		return TABLE[index];
	}

	/**
	 * Feed bytes into a running CRC.
	 * @param crc the CRC so far
	 * @param data the bytes
	 * @param offset where to start
	 * @param length how many bytes
	 * @return the updated CRC
	 */
	public static int update(int crc, byte[] data, int offset, int length) {
		int c = crc;
		int end = offset + length;
		int i = offset;
		int[] t0 = SLICES[0];
		int[] t1 = SLICES[1];
		int[] t2 = SLICES[2];
		int[] t3 = SLICES[3];
		int[] t4 = SLICES[4];
		int[] t5 = SLICES[5];
		int[] t6 = SLICES[6];
		int[] t7 = SLICES[7];
		// plain byte loads: a VarHandle view here was left out of line in large callers;
		// sixteen bytes per step halve the chain of dependent lookups
		int[] f = FLAT;
		for (; i + 16 <= end; i += 16) {
			c = f[(15 << 8) | (((c >>> 8) ^ data[i]) & 0xFF)] ^ f[(14 << 8) | ((c ^ data[i + 1]) & 0xFF)]
					^ f[(13 << 8) | (data[i + 2] & 0xFF)] ^ f[(12 << 8) | (data[i + 3] & 0xFF)]
					^ f[(11 << 8) | (data[i + 4] & 0xFF)] ^ f[(10 << 8) | (data[i + 5] & 0xFF)]
					^ f[(9 << 8) | (data[i + 6] & 0xFF)] ^ f[(8 << 8) | (data[i + 7] & 0xFF)]
					^ f[(7 << 8) | (data[i + 8] & 0xFF)] ^ f[(6 << 8) | (data[i + 9] & 0xFF)]
					^ f[(5 << 8) | (data[i + 10] & 0xFF)] ^ f[(4 << 8) | (data[i + 11] & 0xFF)]
					^ f[(3 << 8) | (data[i + 12] & 0xFF)] ^ f[(2 << 8) | (data[i + 13] & 0xFF)]
					^ f[(1 << 8) | (data[i + 14] & 0xFF)] ^ f[data[i + 15] & 0xFF];
		}
		for (; i + 8 <= end; i += 8) {
			c = t7[((c >>> 8) ^ data[i]) & 0xFF] ^ t6[(c ^ data[i + 1]) & 0xFF] ^ t5[data[i + 2] & 0xFF]
					^ t4[data[i + 3] & 0xFF] ^ t3[data[i + 4] & 0xFF] ^ t2[data[i + 5] & 0xFF] ^ t1[data[i + 6] & 0xFF]
					^ t0[data[i + 7] & 0xFF];
		}
		for (; i < end; i++) {
			c = TABLE[((c >>> 8) ^ data[i]) & 0xFF] ^ ((c << 8) & 0xFFFF);
		}
		return c;
	}

	/**
	 * Feed one byte into a running CRC.
	 * @param crc the CRC so far
	 * @param b the byte
	 * @return the updated CRC
	 */
	public static int updateByte(int crc, int b) {
		return TABLE[((crc >>> 8) ^ b) & 0xFF] ^ ((crc << 8) & 0xFFFF);
	}

	/**
	 * The CRC of some bytes.
	 * @param data the bytes
	 * @param offset where to start
	 * @param length how many bytes
	 * @return the CRC
	 */
	public static int of(byte[] data, int offset, int length) {
		return update(INIT, data, offset, length);
	}

	/**
	 * The CRC of some bytes.
	 * @param data the bytes
	 * @return the CRC
	 */
	public static int of(byte[] data) {
		return update(INIT, data, 0, data.length);
	}

	/**
	 * The running checksum after one more frame: the frame's checksum fed high byte
	 * first.
	 * @param running the running checksum so far ({@link #INIT} for none)
	 * @param frameChecksum the frame's checksum
	 * @return the updated running checksum
	 */
	public static int running(int running, int frameChecksum) {
		return updateByte(updateByte(running, frameChecksum >>> 8), frameChecksum & 0xFF);
	}

}
