package io.github.seastreamer;

/**
 * What a backend can do beyond the generic contract; an operation a backend lacks raises
 * {@link UnsupportedFeatureException} instead of silently doing nothing.
 */
public enum Capability {

	/** Payloads may be any bytes, not only UTF-8 text. */
	BINARY_PAYLOAD,

	/** Messages are stored: a consumer created later can read earlier messages. */
	PERSISTENT,

	/** {@link ConsumerMode#RESUMABLE} consumers. */
	RESUMABLE,

	/** {@link ConsumerMode#LOAD_BALANCED} consumers. */
	LOAD_BALANCED,

	/** {@link Consumer#commit(MessageHeader)} on resumable or load-balanced consumers. */
	COMMIT,

	/** {@link Consumer#seek(java.time.Instant)}. */
	SEEK,

	/** {@link Consumer#rewind(SeqPos)}. */
	REWIND,

	/** Producers may write to shards other than 0 and consumers see them. */
	SHARDS,

	/** {@link Consumer#assign} and {@link Consumer#unassign} change what is read. */
	ASSIGN,

	/** Receipts carry the sequence number that consumers will see. */
	RECEIPT_SEQUENCE,

	/**
	 * {@link Producer#sendTo(StreamKey, byte[], java.util.Map)} stores the attributes
	 * with the message instead of dropping them.
	 */
	ATTRIBUTES

}
