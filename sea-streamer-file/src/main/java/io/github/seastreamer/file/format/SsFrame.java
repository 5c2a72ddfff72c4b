package io.github.seastreamer.file.format;

import io.github.seastreamer.StreamKey;

/**
 * A message frame as read from a file: header fields, where the payload lies, and where
 * the frame lies in the file.
 *
 * <pre>
 * len key | shard u64 | seq u64 | timestamp u64 (ms) | size u32 | payload | crc u16 | 0D
 * </pre>
 *
 * @param key the stream
 * @param shard the shard, unsigned
 * @param sequence the sequence number, unsigned
 * @param timestampMs the timestamp, Unix milliseconds
 * @param data the array holding the payload (shared; must not be changed)
 * @param payloadOffset where the payload starts in {@code data}
 * @param payloadLength the payload size
 * @param checksum the frame's stored (and verified) checksum
 * @param offset the file offset of the frame's first byte
 * @param endOffset the file offset just after the frame's last byte
 */
public record SsFrame(StreamKey key, long shard, long sequence, long timestampMs, byte[] data, int payloadOffset,
		int payloadLength, int checksum, long offset, long endOffset) {

	/** The stream key of End-of-Stream and other internal messages. */
	public static final String INTERNAL = StreamKey.SEA_STREAMER_INTERNAL;

	/**
	 * Whether this is an End-of-Stream frame.
	 * @return {@code true} for key {@code SEA_STREAMER_INTERNAL} with payload {@code EOS}
	 */
	public boolean isEndOfStream() {
		return this.payloadLength == 3 && this.key.name().equals(INTERNAL) && this.data[this.payloadOffset] == 'E'
				&& this.data[this.payloadOffset + 1] == 'O' && this.data[this.payloadOffset + 2] == 'S';
	}

	/**
	 * Check the payload against the stored checksum, for frames read with
	 * {@link SsReader#deferChecksums deferred checksums}. Thread-safe (reads only).
	 * @throws SsFormatException if they differ, as {@link SsReader#next()} would have
	 */
	public void verify() {
		int computed = Crc16.of(this.data, this.payloadOffset, this.payloadLength);
		if (computed != this.checksum) {
			throw new SsFormatException(this.offset,
					"checksum mismatch at offset {offset}: frame of `" + this.key.name() + "`/"
							+ Long.toUnsignedString(this.shard) + " seq " + Long.toUnsignedString(this.sequence)
							+ ": received 0x" + String.format("%04X", this.checksum) + ", computed 0x"
							+ String.format("%04X", computed));
		}
	}

	/**
	 * Whether the payload matches the stored checksum.
	 * @return {@code true} if it does
	 */
	public boolean checksumMatches() {
		return Crc16.of(this.data, this.payloadOffset, this.payloadLength) == this.checksum;
	}

	/**
	 * A copy of the payload.
	 * @return the bytes
	 */
	public byte[] payloadBytes() {
		return java.util.Arrays.copyOfRange(this.data, this.payloadOffset, this.payloadOffset + this.payloadLength);
	}

}
