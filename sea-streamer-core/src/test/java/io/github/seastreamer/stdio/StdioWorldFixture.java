package io.github.seastreamer.stdio;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.StreamerUri;

/**
 * A stdio world over a scripted standard input and captured standard output and error,
 * for tests.
 */
final class StdioWorldFixture implements AutoCloseable {

	final ScriptedInput in = new ScriptedInput();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	final StdioWorld world = StdioWorld.over(this.in, this.out,
			new PrintStream(this.err, true, StandardCharsets.UTF_8));

	/**
	 * A streamer on this world.
	 * @param loopback whether printed messages are delivered in-process
	 * @return the streamer
	 */
	StdioStreamer connect(boolean loopback) {
		return new StdioStreamer(StreamerUri.parse("stdio://"), new StdioConnectOptions(loopback), this.world);
	}

	/**
	 * A streamer on this world, options as {@code SeaStreamer.connect} gets them.
	 * @param options the options
	 * @return the streamer
	 */
	StdioStreamer connect(ConnectOptions options) {
		return new StdioStreamer(StreamerUri.parse("stdio://"),
				options.extension(StdioConnectOptions.class).orElse(StdioConnectOptions.DEFAULTS), this.world);
	}

	/**
	 * What was printed so far.
	 * @return the text
	 */
	String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The lines printed so far.
	 * @return the lines
	 */
	List<String> outputLines() {
		String text = output();
		if (text.isEmpty()) {
			return List.of();
		}
		String[] lines = text.split("\n", -1);
		return Arrays.asList(lines).subList(0, lines.length - 1);
	}

	/**
	 * What was reported on standard error so far.
	 * @return the text
	 */
	String errors() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		try {
			this.world.disconnect().get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("the stdio world did not disconnect", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.in.end();
		}
	}

}
