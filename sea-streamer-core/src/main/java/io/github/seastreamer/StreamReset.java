package io.github.seastreamer;

/**
 * Where a consumer starts when it has no prior position.
 */
public enum StreamReset {

	/** From the oldest message still stored. */
	EARLIEST,

	/** From the next message produced. */
	LATEST

}
