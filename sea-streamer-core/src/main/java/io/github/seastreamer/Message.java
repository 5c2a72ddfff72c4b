package io.github.seastreamer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A message: its {@link MessageHeader} and its payload bytes.
 *
 * <p>
 * The payload is a view over a byte array that may be shared with other messages (a read
 * buffer), so {@link #payload()} copies nothing; instances are immutable and safe to
 * share between threads.
 */
public final class Message {

	private final MessageHeader header;

	private final byte[] data;

	private final int offset;

	private final int length;

	private final Map<String, String> attributes;

	private Message(MessageHeader header, byte[] data, int offset, int length, Map<String, String> attributes) {
		Objects.requireNonNull(header, "header");
		Objects.checkFromIndexSize(offset, length, data.length);
		this.header = header;
		this.data = data;
		this.offset = offset;
		this.length = length;
		this.attributes = attributes;
	}

	/**
	 * A message over the given bytes; the array is not copied and must not change
	 * afterwards.
	 * @param header the header
	 * @param payload the payload bytes
	 * @return the message
	 */
	public static Message of(MessageHeader header, byte[] payload) {
		return new Message(header, payload, 0, payload.length, Map.of());
	}

	/**
	 * A message over a range of the given bytes; nothing is copied and the range must not
	 * change afterwards.
	 * @param header the header
	 * @param data the bytes holding the payload
	 * @param offset where the payload starts
	 * @param length how many bytes it has
	 * @return the message
	 */
	public static Message of(MessageHeader header, byte[] data, int offset, int length) {
		return new Message(header, data, offset, length, Map.of());
	}

	/**
	 * A message over a range of the given bytes with string attributes that came with it
	 * (what a producer passed to {@link Producer#sendTo(StreamKey, byte[], Map)}, on
	 * backends that carry them); nothing of the payload is copied.
	 * @param header the header
	 * @param data the bytes holding the payload
	 * @param offset where the payload starts
	 * @param length how many bytes it has
	 * @param attributes the attributes (copied; no null names or values)
	 * @return the message
	 */
	public static Message of(MessageHeader header, byte[] data, int offset, int length,
			Map<String, String> attributes) {
		return new Message(header, data, offset, length, attributes.isEmpty() ? Map.of() : Map.copyOf(attributes));
	}

	/**
	 * A message with a UTF-8 text payload.
	 * @param header the header
	 * @param payload the text
	 * @return the message
	 */
	public static Message of(MessageHeader header, String payload) {
		return of(header, payload.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The header.
	 * @return the header
	 */
	public MessageHeader header() {
		return this.header;
	}

	/**
	 * Shortcut for {@code header().streamKey()}.
	 * @return the stream key
	 */
	public StreamKey streamKey() {
		return this.header.streamKey();
	}

	/**
	 * Shortcut for {@code header().shardId()}.
	 * @return the shard
	 */
	public ShardId shardId() {
		return this.header.shardId();
	}

	/**
	 * Shortcut for {@code header().sequence()}.
	 * @return the sequence number
	 */
	public long sequence() {
		return this.header.sequence();
	}

	/**
	 * Shortcut for {@code header().timestamp()}.
	 * @return the timestamp
	 */
	public java.time.Instant timestamp() {
		return this.header.timestamp();
	}

	/**
	 * The string attributes that came with the message, on backends that carry them
	 * ({@link Capability#ATTRIBUTES}) and deliver them to consumers; empty otherwise.
	 * @return an unmodifiable map, empty when there are none
	 */
	public Map<String, String> attributes() {
		return this.attributes;
	}

	/**
	 * A read-only view of the payload; no copy is made.
	 * @return the payload, positioned at 0
	 */
	public ByteBuffer payload() {
		return ByteBuffer.wrap(this.data, this.offset, this.length).slice().asReadOnlyBuffer();
	}

	/**
	 * The number of payload bytes.
	 * @return the size
	 */
	public int payloadSize() {
		return this.length;
	}

	/**
	 * A copy of the payload bytes.
	 * @return a new array
	 */
	public byte[] payloadBytes() {
		return Arrays.copyOfRange(this.data, this.offset, this.offset + this.length);
	}

	/**
	 * Copy the payload into the given array.
	 * @param target where to copy
	 * @param targetOffset where in the target to start
	 */
	public void copyPayloadTo(byte[] target, int targetOffset) {
		System.arraycopy(this.data, this.offset, target, targetOffset, this.length);
	}

	/**
	 * The payload decoded as UTF-8.
	 * @return the text
	 * @throws PayloadEncodingException if the payload is not valid UTF-8 (the message
	 * says where)
	 */
	public String payloadAsString() {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(this.data, this.offset, this.length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new PayloadEncodingException(
					"payload of " + this.header + " (" + this.length + " bytes) is not valid UTF-8: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Whether the payload is valid UTF-8.
	 * @return {@code true} if it is
	 */
	public boolean isUtf8() {
		return Utf8.isValid(this.data, this.offset, this.length);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof Message that)) {
			return false;
		}
		return this.header.equals(that.header) && this.attributes.equals(that.attributes) && Arrays.equals(this.data,
				this.offset, this.offset + this.length, that.data, that.offset, that.offset + that.length);
	}

	@Override
	public int hashCode() {
		int hash = this.header.hashCode();
		for (int i = this.offset; i < this.offset + this.length; i++) {
			hash = 31 * hash + this.data[i];
		}
		return hash;
	}

	@Override
	public String toString() {
		return this.header + " (" + this.length + " bytes)";
	}

}
