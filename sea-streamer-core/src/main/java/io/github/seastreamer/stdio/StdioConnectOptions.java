package io.github.seastreamer.stdio;

import io.github.seastreamer.BackendOptions;

/**
 * Options of the stdio backend, given to
 * {@link io.github.seastreamer.ConnectOptions.Builder#with(BackendOptions)}.
 *
 * <p>
 * With {@code loopback}, every line a producer of the streamer prints is also delivered
 * to the consumers of this process, exactly as if it had been read from standard input
 * (meant for tests and single-process demos). Consumers of a loopback streamer do not end
 * when standard input ends, since their messages come from the process itself. A
 * processor that consumes and produces the same stream with loopback loops forever.
 * Looped-back messages are subject to the same back-pressure as input lines: while a
 * consumer's inbox is full the writer waits, so a thread that sends more than the inbox
 * holds to its own consumer must read while it sends rather than after awaiting every
 * receipt.
 *
 * @param loopback whether printed messages are also delivered to this process's consumers
 * (default {@code false})
 */
public record StdioConnectOptions(boolean loopback) implements BackendOptions {

	/** The defaults: no loopback. */
	public static final StdioConnectOptions DEFAULTS = new StdioConnectOptions(false);

	/**
	 * Options with loopback on.
	 * @return the options
	 */
	public static StdioConnectOptions withLoopback() {
		return new StdioConnectOptions(true);
	}

}
