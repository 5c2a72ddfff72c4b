package io.github.seastreamer;

/**
 * How a consumer reads and what survives a restart.
 */
public enum ConsumerMode {

	/** A plain consumer: no commits, starts per the stream reset, no state survives. */
	REAL_TIME,

	/** After a restart, resumes right after the last committed message. */
	RESUMABLE,

	/** Consumers sharing a consumer group split the messages between them. */
	LOAD_BALANCED

}
