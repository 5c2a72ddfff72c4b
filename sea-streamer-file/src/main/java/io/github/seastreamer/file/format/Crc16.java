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

	static {
		for (int i = 0; i < 256; i++) {
			int crc = i << 8;
			for (int bit = 0; bit < 8; bit++) {
				crc = ((crc & 0x8000) != 0) ? ((crc << 1) ^ POLY) : (crc << 1);
			}
			TABLE[i] = crc & 0xFFFF;
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
		for (int i = offset; i < end; i++) {
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
