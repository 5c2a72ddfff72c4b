package io.github.seastreamer.spring.annotation;

import java.time.Instant;

import io.github.seastreamer.MessageHeader;

/**
 * The root object of a {@link StreamListener#condition()} expression: the message header
 * and its parts as properties ({@code header}, {@code stream}, {@code shard},
 * {@code sequence}, {@code timestamp}).
 * <p>
 * Immutable; one per evaluation.
 */
public final class HeaderConditionRoot {

	private final MessageHeader header;

	HeaderConditionRoot(MessageHeader header) {
		this.header = header;
	}

	/**
	 * The header.
	 * @return the header
	 */
	public MessageHeader getHeader() {
		return this.header;
	}

	/**
	 * The stream key as text.
	 * @return the stream name
	 */
	public String getStream() {
		return this.header.streamKey().name();
	}

	/**
	 * The shard number.
	 * @return the shard
	 */
	public long getShard() {
		return this.header.shardId().id();
	}

	/**
	 * The sequence number.
	 * @return the sequence
	 */
	public long getSequence() {
		return this.header.sequence();
	}

	/**
	 * The timestamp.
	 * @return the timestamp
	 */
	public Instant getTimestamp() {
		return this.header.timestamp();
	}

}
