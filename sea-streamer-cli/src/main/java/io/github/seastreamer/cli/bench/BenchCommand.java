package io.github.seastreamer.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Capability;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.StreamTimeoutException;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Streamer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: produces then consumes {@code --messages} payloads of {@code --size}
 * bytes (the tools.md §8 text) through SeaStreamer and, in the same run, through the
 * {@link RawBaseline} of the backend, and prints one line on stdout:
 *
 * <pre>
 * RESULT backend=&lt;scheme&gt; messages=&lt;n&gt; size=&lt;b&gt; produce_msg_s=&lt;x&gt; consume_msg_s=&lt;y&gt; raw_produce_msg_s=&lt;x0&gt; raw_consume_msg_s=&lt;y0&gt; produce_ratio=&lt;x/x0&gt; consume_ratio=&lt;y/y0&gt;
 * </pre>
 *
 * (rates in messages per second, rounded; ratios with 3 decimals), plus readable lines on
 * stderr.
 *
 * <p>
 * <b>Method.</b> Every phase gets a fresh stream: the key of {@code --stream} suffixed
 * with {@code -<runId>-<phase>} (see {@link RawBaseline}). For a backend that stores
 * messages ({@link Capability#PERSISTENT}) everything runs in this JVM: a warm-up round
 * of {@code --warmup} messages (default {@value #DEFAULT_WARMUP}: the JIT needs that many
 * before the longer SeaStreamer path runs at full speed; 20 000 measured mostly the
 * compiler) through SeaStreamer and through the baseline, then {@code --rounds} measured
 * rounds (default 4); SeaStreamer goes first in odd rounds and the baseline in even ones,
 * since the side run second in a round measured faster (Kafka consume ratio 0.76-0.83
 * with SeaStreamer always first, 0.91-0.94 with it always second); the best time of each
 * side counts. SeaStreamer produce time: first send to the completed flush with every
 * receipt in (sends pipelined, at most {@value #IN_FLIGHT} in flight); consume time:
 * creating a real-time consumer from the earliest position to the last message received;
 * where the backend can seek ({@link Capability#SEEK}), the consumer first seeks to 1 ms
 * before the phase's first send (counted in the time), so that a backend that keeps every
 * stream in one place (a {@code .ss} file) does not read through the earlier phases
 * first, which the raw baseline, on a fresh resource, never does; the first and last
 * payloads read are checked against those sent. A backend that does not store messages
 * (stdio) can only be measured as a live pipeline: two child JVMs joined by an OS pipe, a
 * SeaStreamer producer in one and a SeaStreamer consumer in the other, exactly like the
 * baseline's plain line pipe; each child passes the warm-up messages first, JVM start-up
 * is outside the times; the produce time is the writer's (first measured send to
 * flushed), the consume time the reader's (first to last measured message). Which way is
 * chosen depends only on the backend's capabilities, never on its name.
 *
 * <p>
 * Runs on the command thread; bounded in time (every wait has a timeout).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "Compare SeaStreamer's throughput with the backend's raw client.")
public final class BenchCommand implements Callable<Integer> {

	/** The default number of warm-up messages. */
	public static final int DEFAULT_WARMUP = 100_000;

	private static volatile int currentWarmup = DEFAULT_WARMUP;

	static final int IN_FLIGHT = 4096;

	private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(60);

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--stream", required = true, paramLabel = "URL",
			description = "The stream to use (one key; each phase adds a suffix), e.g. stdio:///bench.")
	@Nullable String stream;

	@Option(names = "--messages", defaultValue = "100000", paramLabel = "N",
			description = "How many messages (default ${DEFAULT-VALUE}).")
	int messages = 100_000;

	@Option(names = "--size", defaultValue = "256", paramLabel = "BYTES",
			description = "The payload size in bytes (default ${DEFAULT-VALUE}).")
	int size = 256;

	@Option(names = "--warmup", defaultValue = "100000", paramLabel = "N",
			description = "Warm-up messages before the measured rounds (default ${DEFAULT-VALUE}).")
	int warmupMessages = DEFAULT_WARMUP;

	@Option(names = "--rounds", defaultValue = "4", paramLabel = "N",
			description = "Measured rounds, SeaStreamer and raw interleaved, each first in every other round; the best time of each counts (default ${DEFAULT-VALUE}).")
	int rounds = 4;

	private static String suffix(int round) {
		return (round == 1) ? "" : Integer.toString(round);
	}

	/**
	 * The number of warm-up messages of the bench run in progress, for baselines that
	 * warm up inside processes of their own (as the stdio one does).
	 * @return the number of warm-up messages
	 */
	public static int warmup() {
		return currentWarmup;
	}

	/**
	 * The longest a child pipeline of {@code messages} may take: one minute plus one
	 * second per 5 000 messages.
	 * @param messages the measured messages
	 * @return the timeout
	 */
	static Duration childTimeout(int messages) {
		return Duration.ofSeconds(60 + messages / 5_000);
	}

	@Override
	public Integer call() throws Exception {
		if (this.messages < 1 || this.size < 1 || this.rounds < 1 || this.warmupMessages < 0) {
			throw new ParameterException(java.util.Objects.requireNonNull(this.spec).commandLine(),
					"--messages, --size and --rounds must be at least 1, --warmup at least 0");
		}
		StreamUrl url = StreamUrl.parse(java.util.Objects.requireNonNull(this.stream));
		StreamKey key = url.streamKey();
		String scheme = url.streamer()
			.protocol()
			.orElseThrow(() -> new ConfigurationException("--stream " + url + " has no scheme"));
		Streamer streamer = SeaStreamer.connect(url.streamer(), ConnectOptions.defaults());
		RawBaseline baseline = baseline(scheme);
		String runId = runId();
		List<byte[]> payloads = BenchPayloads.payloads(this.messages, this.size);
		int warm = this.warmupMessages;
		currentWarmup = warm;
		System.err.printf(Locale.ROOT, "bench: %s, %d messages of %d bytes, %d warm-up, run %s%n", scheme,
				this.messages, this.size, warm, runId);
		long seaProduce = Long.MAX_VALUE;
		long seaConsume = Long.MAX_VALUE;
		long rawProduce = Long.MAX_VALUE;
		long rawConsume = Long.MAX_VALUE;
		boolean persistent = streamer.capabilities().contains(Capability.PERSISTENT);
		// A .ss file holds every phase's stream, so its consumer first skips to where the
		// phase began (as the raw baseline reads a file of its own); on the other
		// backends
		// each phase is a stream of its own, read from the earliest as the raw baseline
		// reads it, with no seek by time
		boolean seekable = streamer.capabilities().contains(Capability.SEEK) && scheme.equals("file");
		try {
			if (persistent) {
				List<byte[]> warmPayloads = BenchPayloads.payloads(warm, this.size);
				StreamUrl seaWarm = phase(url, key, runId, "warmup-sea");
				if (warm > 0) {
					Instant began = Instant.now();
					seaProduce(streamer, seaWarm, warmPayloads);
					seaConsume(streamer, seaWarm, warmPayloads, seekable ? began : null);
					StreamUrl rawWarm = phase(url, key, runId, "warmup-raw");
					baseline.produce(rawWarm, warmPayloads);
					baseline.consume(rawWarm, warm);
				}
			}
			for (int round = 1; round <= this.rounds; round++) {
				// odd rounds run SeaStreamer first, even rounds the raw client first: the
				// side run second in a round measured faster, so neither keeps one place
				boolean seaFirst = round % 2 == 1;
				long[] seaNanos;
				long[] rawNanos;
				if (seaFirst) {
					seaNanos = seaRound(streamer, url, key, runId, round, payloads, warm, persistent, seekable);
					rawNanos = rawRound(baseline, url, key, runId, round, payloads);
				}
				else {
					rawNanos = rawRound(baseline, url, key, runId, round, payloads);
					seaNanos = seaRound(streamer, url, key, runId, round, payloads, warm, persistent, seekable);
				}
				System.err.printf(Locale.ROOT,
						"bench: round %d (%s first): SeaStreamer produce %.1f ms, consume %.1f ms; raw produce %.1f ms, consume %.1f ms%n",
						round, seaFirst ? "SeaStreamer" : "raw", seaNanos[0] / 1e6, seaNanos[1] / 1e6,
						rawNanos[0] / 1e6, rawNanos[1] / 1e6);
				seaProduce = Math.min(seaProduce, seaNanos[0]);
				seaConsume = Math.min(seaConsume, seaNanos[1]);
				rawProduce = Math.min(rawProduce, rawNanos[0]);
				rawConsume = Math.min(rawConsume, rawNanos[1]);
			}
		}
		finally {
			streamer.disconnect().get(MESSAGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		double produceRate = rate(seaProduce);
		double consumeRate = rate(seaConsume);
		double rawProduceRate = rate(rawProduce);
		double rawConsumeRate = rate(rawConsume);
		System.err.printf(Locale.ROOT,
				"bench: SeaStreamer produce %.0f msg/s (%.1f ms), consume %.0f msg/s (%.1f ms)%n", produceRate,
				seaProduce / 1e6, consumeRate, seaConsume / 1e6);
		System.err.printf(Locale.ROOT,
				"bench: raw client  produce %.0f msg/s (%.1f ms), consume %.0f msg/s (%.1f ms)%n", rawProduceRate,
				rawProduce / 1e6, rawConsumeRate, rawConsume / 1e6);
		System.out.println(
				resultLine(scheme, this.messages, this.size, produceRate, consumeRate, rawProduceRate, rawConsumeRate));
		System.out.flush();
		return 0;
	}

	private static long[] seaRound(Streamer streamer, StreamUrl url, StreamKey key, String runId, int round,
			List<byte[]> payloads, int warm, boolean persistent, boolean seekable) throws Exception {
		StreamUrl sea = phase(url, key, runId, "sea" + suffix(round));
		if (!persistent) {
			return seaPipeline(sea, payloads, warm);
		}
		Instant began = Instant.now();
		settle();
		long produced = seaProduce(streamer, sea, payloads);
		settle();
		return new long[] { produced, seaConsume(streamer, sea, payloads, seekable ? began : null) };
	}

	private long[] rawRound(RawBaseline baseline, StreamUrl url, StreamKey key, String runId, int round,
			List<byte[]> payloads) throws Exception {
		StreamUrl raw = phase(url, key, runId, "raw" + suffix(round));
		settle();
		long produced = baseline.produce(raw, payloads);
		settle();
		return new long[] { produced, baseline.consume(raw, this.messages) };
	}

	/**
	 * The RESULT line.
	 * @param scheme the backend's scheme
	 * @param messages the messages
	 * @param size the payload size
	 * @param produce the SeaStreamer produce rate
	 * @param consume the SeaStreamer consume rate
	 * @param rawProduce the raw produce rate
	 * @param rawConsume the raw consume rate
	 * @return the line
	 */
	static String resultLine(String scheme, int messages, int size, double produce, double consume, double rawProduce,
			double rawConsume) {
		return String.format(Locale.ROOT,
				"RESULT backend=%s messages=%d size=%d produce_msg_s=%d consume_msg_s=%d raw_produce_msg_s=%d"
						+ " raw_consume_msg_s=%d produce_ratio=%.3f consume_ratio=%.3f",
				scheme, messages, size, Math.round(produce), Math.round(consume), Math.round(rawProduce),
				Math.round(rawConsume), produce / rawProduce, consume / rawConsume);
	}

	private double rate(long nanos) {
		return this.messages * 1e9 / Math.max(nanos, 1);
	}

	static String runId() {
		return String.format("%012x", java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
	}

	static StreamUrl phase(StreamUrl url, StreamKey key, String runId, String phase) {
		return new StreamUrl(url.streamer(), List.of(StreamKey.of(key.name() + "-" + runId + "-" + phase)));
	}

	static RawBaseline baseline(String scheme) {
		TreeSet<String> available = new TreeSet<>();
		for (RawBaseline baseline : ServiceLoader.load(RawBaseline.class, BenchCommand.class.getClassLoader())) {
			if (baseline.schemes().contains(scheme)) {
				return baseline;
			}
			available.addAll(baseline.schemes());
		}
		throw new ConfigurationException("no raw baseline for `" + scheme + "` to compare with; baselines exist for: "
				+ String.join(", ", available));
	}

	/**
	 * Before each timed phase run in this JVM: collect the garbage of the phases before
	 * it, so that no phase, ours or the raw client's, is timed through a collection of
	 * another's garbage.
	 */
	private static void settle() {
		System.gc();
	}

	private static long seaProduce(Streamer streamer, StreamUrl url, List<byte[]> payloads) throws Exception {
		Producer producer = streamer.createProducer(url.streamKey());
		ReceiptWindow window = new ReceiptWindow(IN_FLIGHT, MESSAGE_TIMEOUT.toSeconds());
		long start = System.nanoTime();
		for (byte[] payload : payloads) {
			window.add(producer.send(payload));
		}
		producer.flush().get(MESSAGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		window.awaitAll();
		long elapsed = System.nanoTime() - start;
		producer.end().get(MESSAGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		return elapsed;
	}

	private static long seaConsume(Streamer streamer, StreamUrl url, List<byte[]> payloads, @Nullable Instant since)
			throws Exception {
		long start = System.nanoTime();
		Consumer consumer = streamer.createConsumer(url.streamKeys(),
				ConsumerOptions.builder().mode(ConsumerMode.REAL_TIME).streamReset(StreamReset.EARLIEST).build());
		try {
			if (since != null) {
				consumer.seek(since.truncatedTo(ChronoUnit.MILLIS).minusMillis(1))
					.get(MESSAGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			Message first = null;
			Message last = null;
			for (int i = 0; i < payloads.size(); i++) {
				Message message;
				try {
					message = consumer.next().get(MESSAGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.TimeoutException ex) {
					throw new StreamTimeoutException("received " + i + " of " + payloads.size() + " messages of " + url
							+ ", then nothing for " + MESSAGE_TIMEOUT.toSeconds() + " s");
				}
				if (first == null) {
					first = message;
				}
				last = message;
			}
			long elapsed = System.nanoTime() - start;
			check(first, payloads.get(0), url);
			check(last, payloads.get(payloads.size() - 1), url);
			return elapsed;
		}
		finally {
			consumer.close();
		}
	}

	private static void check(@Nullable Message message, byte[] expected, StreamUrl url) {
		if (message == null || !Arrays.equals(message.payloadBytes(), expected)) {
			throw new IllegalStateException("the messages read back from " + url + " are not those written");
		}
	}

	private static long[] seaPipeline(StreamUrl url, List<byte[]> payloads, int warm) throws Exception {
		Path file = Files.createTempFile("sea-streamer-bench", ".payloads");
		try {
			BenchWorker.writePayloads(file, payloads);
			List<String> writer = new ArrayList<>(
					List.of("sea-produce", url.toString(), file.toString(), Integer.toString(warm)));
			List<String> reader = List.of("sea-consume", url.toString(), Integer.toString(payloads.size()),
					Integer.toString(warm));
			return ChildPipeline.run(writer, reader, childTimeout(payloads.size() + warm));
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

}
