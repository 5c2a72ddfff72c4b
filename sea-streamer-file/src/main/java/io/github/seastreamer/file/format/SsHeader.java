package io.github.seastreamer.file.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.seastreamer.Timestamps;
import io.github.seastreamer.Utf8;
import io.github.seastreamer.spi.Json;

/**
 * The 128-byte header of a {@code .ss} file.
 *
 * <pre>
 * offset 0   1   2   3        4+n            12+n          16+n          127
 *        'S' 's' 01  len name created_at u64  interval u32  00 ... 00     0D
 * </pre>
 *
 * <p>
 * The file name is informational (the last path component when written by the file
 * backend). A name longer than {@value #MAX_FILE_NAME_BYTES} bytes does not fit: writers
 * store its first {@value #MAX_FILE_NAME_BYTES} bytes, cut at a character boundary (the
 * Rust writer panics instead).
 *
 * @param fileName the stored file name
 * @param createdAtMs creation time, Unix milliseconds
 * @param beaconInterval the beacon interval in bytes, at least 128
 */
public record SsHeader(String fileName, long createdAtMs, int beaconInterval) {

	/** The size of the header. */
	public static final int SIZE = 128;

	/** The longest file name that fits in the header, in UTF-8 bytes. */
	public static final int MAX_FILE_NAME_BYTES = 111;

	/**
	 * Validate the header.
	 * @param fileName the stored file name
	 * @param createdAtMs creation time, Unix milliseconds
	 * @param beaconInterval the beacon interval
	 */
	public SsHeader {
		if (beaconInterval < SIZE) {
			throw new SsFormatException(-1, "beacon interval must be at least 128 bytes, was " + beaconInterval);
		}
		if (createdAtMs < 0) {
			throw new SsFormatException(-1,
					"created_at " + createdAtMs + " ms is before 1970-01-01, which the .ss format cannot represent");
		}
		fileName = truncateName(fileName);
	}

	/**
	 * Cut a name to at most {@value #MAX_FILE_NAME_BYTES} UTF-8 bytes at a character
	 * boundary.
	 * @param name the name
	 * @return the name, or its longest prefix that fits
	 */
	public static String truncateName(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= MAX_FILE_NAME_BYTES) {
			return name;
		}
		int end = MAX_FILE_NAME_BYTES;
		while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
			end--;
		}
		return new String(bytes, 0, end, StandardCharsets.UTF_8);
	}

	/**
	 * The creation time.
	 * @return the time
	 */
	public Instant createdAt() {
		return Instant.ofEpochMilli(this.createdAtMs);
	}

	/**
	 * Encode the header.
	 * @return 128 bytes
	 */
	public byte[] encode() {
		byte[] out = new byte[SIZE];
		byte[] name = this.fileName.getBytes(StandardCharsets.UTF_8);
		out[0] = 'S';
		out[1] = 's';
		out[2] = 1;
		out[3] = (byte) name.length;
		System.arraycopy(name, 0, out, 4, name.length);
		Bytes.putLong(out, 4 + name.length, this.createdAtMs);
		Bytes.putInt(out, 12 + name.length, this.beaconInterval);
		out[SIZE - 1] = 0x0D;
		return out;
	}

	/**
	 * Decode a header.
	 * @param data the bytes
	 * @param length how many bytes are available (a file shorter than 128 bytes is
	 * refused as truncated, or as not a {@code .ss} file when its first bytes say so)
	 * @return the header
	 * @throws SsFormatException naming what is wrong
	 */
	public static SsHeader decode(byte[] data, int length) {
		if (length >= 1 && data[0] != 'S' || length >= 2 && data[1] != 's') {
			throw new SsFormatException(0, "not a .ss file: byte mark at offset 0 is " + hex(data, Math.min(2, length))
					+ ", expected 53 73 ('Ss')");
		}
		if (length >= 3 && data[2] != 1) {
			throw new SsFormatException(2,
					"unsupported .ss version " + (data[2] & 0xFF) + " at offset 2 (this reader knows version 1)");
		}
		if (length < SIZE) {
			throw new SsFormatException(length, "truncated header: the file has " + length + " bytes, a .ss header 128",
					true, null);
		}
		int n = data[3] & 0xFF;
		if (n > MAX_FILE_NAME_BYTES) {
			throw new SsFormatException(3,
					"file name length " + n + " at offset 3 exceeds 111 bytes: not a .ss header");
		}
		if (!Utf8.isValid(data, 4, n)) {
			throw new SsFormatException(4, "file name in the header is not valid UTF-8");
		}
		String name = new String(data, 4, n, StandardCharsets.UTF_8);
		long created = Bytes.getLong(data, 4 + n);
		long interval = Bytes.getInt(data, 12 + n) & 0xFFFFFFFFL;
		if (interval < SIZE || interval > Integer.MAX_VALUE) {
			throw new SsFormatException(12 + n, "beacon interval " + interval
					+ " at offset {offset} is invalid (must be 128.." + Integer.MAX_VALUE + ")");
		}
		if (created < 0) {
			throw new SsFormatException(4 + n, "created_at at offset {offset} is out of range");
		}
		return new SsHeader(name, created, (int) interval);
	}

	private static String hex(byte[] data, int length) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				out.append(' ');
			}
			out.append(String.format("%02x", data[i] & 0xFF));
		}
		return out.toString();
	}

	/**
	 * The header as the compact JSON of ss-decode.
	 * @return {@code {"file_name":…,"created_at":…,"beacon_interval":N}}
	 */
	public String toJson() {
		StringBuilder out = new StringBuilder(96).append("{\"file_name\":");
		Json.writeString(out, this.fileName);
		return out.append(",\"created_at\":\"")
			.append(Timestamps.format(createdAt()))
			.append("\",\"beacon_interval\":")
			.append(this.beaconInterval)
			.append('}')
			.toString();
	}

}
