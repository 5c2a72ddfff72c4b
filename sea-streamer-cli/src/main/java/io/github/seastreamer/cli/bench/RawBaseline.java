package io.github.seastreamer.cli.bench;

import java.util.List;
import java.util.Set;

import io.github.seastreamer.StreamUrl;

/**
 * The raw client of one backend doing the same work as the bench, as well as that client
 * honestly can (pipelined, batched, warmed up). Found with
 * {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.github.seastreamer.cli.bench.RawBaseline} in
 * sea-streamer-cli).
 *
 * <p>
 * <b>Fresh streams.</b> The bench never reuses a stream: for every run it draws a run id
 * (12 lower-case hex digits) and hands each phase its own URL whose stream keys are the
 * keys of {@code --stream} suffixed with {@code -<runId>-<phase>}, where the phase is
 * {@code warmup-sea} or {@code warmup-raw} for the warm-up round (backends that store
 * messages only), then {@code sea} and {@code raw} for the first measured round,
 * {@code sea2} and {@code raw2} for the second, and so on ({@code --rounds}); for example
 * {@code redis://localhost/bench} becomes
 * {@code redis://localhost/bench-0123456789ab-raw}. {@link #consume} always receives the
 * same URL as the {@link #produce} call before it, so the stream it reads holds exactly
 * the {@code count} messages written by that call. A backend whose storage is not
 * separated by key (for example one {@code .ss} file for all keys) may derive a fresh
 * resource from the URL itself (e.g. the file path plus the key suffix), as long as
 * {@code produce} and {@code consume} of the same URL agree; it may delete what it
 * created at the end of {@code consume}.
 *
 * <p>
 * <b>Threading and timing.</b> Both methods are called from the bench's main thread, one
 * at a time, and block until the work is done. The returned time must cover only the
 * transfer (connections may be opened before the clock starts, but not messages sent):
 * from the first message handed to the client to the last acknowledgement (produce), or
 * from the first read request to the last message received (consume). Any exception fails
 * the bench run with its message.
 */
public interface RawBaseline {

	/**
	 * The URI schemes this baseline serves.
	 * @return the schemes, lower case, e.g. {@code redis}
	 */
	Set<String> schemes();

	/**
	 * Write every payload to the stream of the URL with the raw client; return elapsed
	 * nanoseconds (including the final flush/ack of all).
	 * @param url the fresh stream URL of this phase
	 * @param payloads the payloads, in order
	 * @return the elapsed nanoseconds
	 * @throws Exception if the raw client fails
	 */
	long produce(StreamUrl url, List<byte[]> payloads) throws Exception;

	/**
	 * Read {@code count} messages of the stream of the URL (written before by
	 * {@link #produce}) from the start with the raw client; return elapsed nanoseconds.
	 * @param url the same URL as the preceding {@link #produce} call
	 * @param count the number of messages to read
	 * @return the elapsed nanoseconds
	 * @throws Exception if the raw client fails or the messages cannot all be read
	 */
	long consume(StreamUrl url, int count) throws Exception;

}
