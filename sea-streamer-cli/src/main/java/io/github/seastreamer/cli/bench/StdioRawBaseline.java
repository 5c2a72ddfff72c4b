package io.github.seastreamer.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.seastreamer.StreamUrl;

/**
 * The raw baseline of stdio: a plain Java line pipe between two processes. A child JVM
 * writes the payloads as lines through a {@link java.io.BufferedWriter} on its stdout; an
 * OS pipe carries them to a second child JVM that reads them with a
 * {@link java.io.BufferedReader} (see {@link BenchWorker} {@code raw-write} and
 * {@code raw-read}).
 *
 * <p>
 * Producing and consuming happen at once in a pipe, so {@link #produce} runs the whole
 * pipeline and returns the writer's time (first line written to last line flushed into
 * the pipe); {@link #consume} returns the reader's time measured in that same run (first
 * to last measured line read). Each child first passes {@link BenchCommand#warmup()}
 * warm-up lines through the pipe; JVM start-up is outside both times. The lines are the
 * very lines a stdio producer prints, {@code [<ts> | <key> | <seq>] <payload>} (timestamp
 * formatted once, sequence number per line), so both pipelines carry the same bytes and
 * the comparison shows what SeaStreamer's formatting, parsing and hand-offs cost; the raw
 * reader reads lines and does not parse them.
 *
 * <p>
 * Not thread-safe: the bench calls it from one thread.
 */
public final class StdioRawBaseline implements RawBaseline {

	private final Map<String, Long> consumeNanos = new ConcurrentHashMap<>();

	private final Map<String, Integer> produced = new ConcurrentHashMap<>();

	@Override
	public Set<String> schemes() {
		return Set.of("stdio");
	}

	@Override
	public long produce(StreamUrl url, List<byte[]> payloads) throws Exception {
		Path file = Files.createTempFile("sea-streamer-bench", ".payloads");
		try {
			BenchWorker.writePayloads(file, payloads);
			String warm = Integer.toString(BenchCommand.warmup());
			long[] nanos = ChildPipeline.run(List.of("raw-write", url.streamKey().name(), file.toString(), warm),
					List.of("raw-read", Integer.toString(payloads.size()), warm),
					BenchCommand.childTimeout(payloads.size() + BenchCommand.warmup()));
			this.consumeNanos.put(url.toString(), nanos[1]);
			this.produced.put(url.toString(), payloads.size());
			return nanos[0];
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	@Override
	public long consume(StreamUrl url, int count) throws Exception {
		Long nanos = this.consumeNanos.remove(url.toString());
		Integer written = this.produced.remove(url.toString());
		if (nanos == null || written == null) {
			throw new IllegalStateException("consume(" + url + ") without a produce of the same URL before");
		}
		if (written != count) {
			throw new IllegalStateException("the pipe carried " + written + " lines, not " + count);
		}
		return nanos;
	}

}
