package io.github.seastreamer.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamTimeoutException;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Streamer;

/**
 * What every command does with the generic API: connect by URL, check the keys, wait for
 * futures with a bound, disconnect. Nothing here knows a backend.
 *
 * <p>
 * Stateless and thread-safe; the waiting methods block the calling thread.
 */
final class Streams {

	/** The longest wait for a flush, a seek, a commit batch or a disconnect. */
	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private Streams() {
	}

	/**
	 * Connect the streamer of a stream URL.
	 * @param url the URL
	 * @return the streamer
	 */
	static Streamer connect(StreamUrl url) {
		return SeaStreamer.connect(url.streamer(), ConnectOptions.defaults());
	}

	/**
	 * The keys of a URL, at least one.
	 * @param option the option that gave the URL, for the error
	 * @param url the URL
	 * @return the keys
	 * @throws ConfigurationException if the URL has no key
	 */
	static List<StreamKey> keys(String option, StreamUrl url) {
		if (url.streamKeys().isEmpty()) {
			throw new ConfigurationException(
					option + " " + url + " names no stream: add one or more keys after the last" + " slash, e.g. "
							+ url.streamer().toMaskedUriString() + "/my_stream");
		}
		return url.streamKeys();
	}

	/**
	 * The single key of a URL.
	 * @param option the option that gave the URL, for the error
	 * @param url the URL
	 * @return the key
	 * @throws ConfigurationException if the URL has not exactly one key
	 */
	static StreamKey key(String option, StreamUrl url) {
		if (url.streamKeys().size() != 1) {
			throw new ConfigurationException(
					option + " " + url + " must name exactly one stream, not " + url.streamKeys().size());
		}
		return url.streamKeys().get(0);
	}

	/**
	 * Wait for a future, at most {@link #TIMEOUT}.
	 * @param <T> the result type
	 * @param future the future
	 * @param what what is awaited, for the error
	 * @return the result
	 * @throws InterruptedException if interrupted
	 * @throws StreamTimeoutException if the future is not done in time
	 */
	static <T> T await(CompletableFuture<T> future, String what) throws InterruptedException {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw Errors.unchecked(ex);
		}
		catch (TimeoutException ex) {
			throw new StreamTimeoutException("no answer after " + TIMEOUT.toSeconds() + " s while waiting for " + what);
		}
	}

	/**
	 * Disconnect a streamer (flushing its producers), waiting at most {@link #TIMEOUT};
	 * failures are reported only if the command has none of its own.
	 * @param streamer the streamer
	 * @throws InterruptedException if interrupted
	 */
	static void disconnect(Streamer streamer) throws InterruptedException {
		await(streamer.disconnect(), "the disconnect of " + streamer.uri());
	}

}
