package io.github.seastreamer.file;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.file.format.Crc16;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsHeader;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import io.github.seastreamer.file.format.SsWriter;
import io.github.seastreamer.file.format.StreamShard;

/**
 * A benchmark, not a test: the parts of the CLI's {@code bench --stream file://...} in
 * one process, each timed apart, to see where the time of the file backend goes. Run from
 * the repository root after {@code ./mvnw -o test-compile -pl sea-streamer-file}:
 *
 * <pre>
 * java -XX:+UseSerialGC -cp "sea-streamer-file/target/classes:sea-streamer-file/target/test-classes:$(./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -pl sea-streamer-file)" \
 *     io.github.seastreamer.file.ThroughputBenchmark [rounds]
 * </pre>
 *
 * Prints, per round of 100 000 messages of 256 bytes: the CPU time of the CRC of every
 * payload and of the format writer and reader alone on a file, then the wall and process
 * CPU time of produce and consume through the backend as the CLI bench does them (a
 * window of 4096 receipts, flush; a real-time consumer that seeks, then
 * {@code next().get()} per message, checking every payload).
 */
public final class ThroughputBenchmark {

	private static final int COUNT = 100_000;

	private static final int SIZE = 256;

	private static java.util.Map<String, Long> lastSnapshot = java.util.Map.of();

	private static long firstMessageNanos;

	private static java.util.Map<String, Long> afterProduce = java.util.Map.of();

	private ThroughputBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args optional number of rounds (default 5), then {@code backend} to time
	 * only the backend
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		boolean parts = args.length < 2 || !args[1].equals("backend");
		Path dir = Files.createTempDirectory("throughput-bench");
		List<byte[]> payloads = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			byte[] payload = new byte[SIZE];
			Arrays.fill(payload, (byte) ('a' + i % 26));
			payload[0] = (byte) i;
			payload[1] = (byte) (i >>> 8);
			payload[2] = (byte) (i >>> 16);
			payloads.add(payload);
		}
		Path ss = dir.resolve("bench.ss");
		int prefetch = Integer.getInteger("prefetch", 1000);
		try (Streamer streamer = SeaStreamer.connect("file://" + ss,
				io.github.seastreamer.ConnectOptions.builder()
					.with(FileConnectOptions.builder().prefetchMessages(prefetch).build())
					.build())) {
			for (int round = 0; round <= rounds; round++) {
				long crc = !parts ? 0 : time(() -> {
					int sum = 0;
					for (byte[] payload : payloads) {
						sum += Crc16.of(payload);
					}
					if (sum == 42) {
						throw new IllegalStateException();
					}
				});
				Path plain = dir.resolve("plain-" + round + ".ss");
				long write = !parts ? 0 : time(() -> writePlain(plain, payloads));
				long read = !parts ? 0 : time(() -> readPlain(plain, false));
				long readDeferred = !parts ? 0 : time(() -> readPlain(plain, true));
				long readRaw = !parts ? 0 : time(() -> readRaw(plain));
				if (parts) {
					System.out.printf(Locale.ROOT,
							"round %d: core Inbox alone, 100 000 messages from a thread to next().get(): %.1f ms%n",
							round, inboxAlone(payloads) / 1e6);
				}
				if (parts) {
					System.out.printf(Locale.ROOT,
							"round %d: cpu: SsReader without checksums %.1f ms, 1 MiB buffered reads of the file %.1f ms%n",
							round, readDeferred / 1e6, readRaw / 1e6);
				}
				Files.deleteIfExists(plain);
				StreamKey key = StreamKey.of("bench-" + round);
				Instant began = Instant.now();
				long cpu0 = processCpu();
				java.util.Map<String, Long> threads0 = threadCpu();
				long produce = produce(streamer, key, payloads);
				long cpu1 = processCpu();
				java.util.Map<String, Long> threads1 = lastSnapshot;
				long consume = consume(streamer, key, payloads, began);
				long cpu2 = processCpu();
				java.util.Map<String, Long> threads2 = lastSnapshot;
				java.util.Map<String, Long> threads1b = afterProduce;
				System.out.printf(Locale.ROOT,
						"round %d: cpu: crc %.1f ms, SsWriter %.1f ms, SsReader %.1f ms; produce %.1f ms (cpu %.1f ms), consume %.1f ms (cpu %.1f ms)%n",
						round, crc / 1e6, write / 1e6, read / 1e6, produce / 1e6, (cpu1 - cpu0) / 1e6, consume / 1e6,
						(cpu2 - cpu1) / 1e6);
				System.out.println("  produce threads: " + delta(threads0, threads1));
				System.out.println("  consume threads: " + delta(threads1b, threads2)
						+ String.format(Locale.ROOT, "first message after %.2f ms", firstMessageNanos / 1e6));
			}
		}
		finally {
			try (var files = Files.list(dir)) {
				for (Path p : files.toList()) {
					Files.delete(p);
				}
			}
			Files.delete(dir);
		}
	}

	private static void writePlain(Path file, List<byte[]> payloads) throws Exception {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			SsWriter writer = SsWriter.create(channel, new SsHeader("plain.ss", System.currentTimeMillis(), 1 << 20),
					1 << 20);
			StreamShard stream = new StreamShard(StreamKey.of("plain"), 0);
			long ms = System.currentTimeMillis();
			long seq = 1;
			for (byte[] payload : payloads) {
				writer.write(stream, seq++, ms, payload, 0, payload.length);
			}
			writer.flush();
		}
	}

	/**
	 * The hand-over alone: messages built beforehand, offered by one thread into an inbox
	 * of the file consumer's default capacity (waiting for room as the reader does),
	 * taken by this thread with {@code next().get()}. Wall time.
	 */
	private static long inboxAlone(List<byte[]> payloads) throws Exception {
		io.github.seastreamer.spi.Inbox<Message> inbox = new io.github.seastreamer.spi.Inbox<>(1000);
		List<Message> messages = new ArrayList<>(payloads.size());
		StreamKey key = StreamKey.of("inbox");
		Instant now = Instant.now();
		for (int i = 0; i < payloads.size(); i++) {
			messages.add(Message.of(
					new io.github.seastreamer.MessageHeader(key, io.github.seastreamer.ShardId.ZERO, i + 1, now),
					payloads.get(i)));
		}
		Thread offerer = new Thread(() -> {
			try {
				for (Message message : messages) {
					inbox.put(message);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		long start = System.nanoTime();
		offerer.start();
		for (int i = 0; i < messages.size(); i++) {
			if (inbox.next().get(60, TimeUnit.SECONDS).sequence() != i + 1) {
				throw new IllegalStateException("out of order at " + i);
			}
		}
		long elapsed = System.nanoTime() - start;
		offerer.join();
		return elapsed;
	}

	private static void readRaw(Path file) throws Exception {
		byte[] buffer = new byte[1 << 20];
		long total = 0;
		try (var in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				total += n;
			}
		}
		if (total == 0) {
			throw new IllegalStateException("empty");
		}
	}

	private static void readPlain(Path file, boolean deferChecksums) throws Exception {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			SsReader reader = SsReader.open(SsSource.of(channel));
			reader.deferChecksums(deferChecksums);
			int n = 0;
			SsFrame frame;
			while ((frame = reader.next()) != null) {
				n += frame.payloadLength() > 0 ? 1 : 0;
			}
			if (n != COUNT) {
				throw new IllegalStateException("read " + n);
			}
		}
	}

	private static long produce(Streamer streamer, StreamKey key, List<byte[]> payloads) throws Exception {
		Producer producer = streamer.createProducer(key);
		CompletableFuture<?>[] ring = new CompletableFuture<?>[4096];
		long start = System.nanoTime();
		long count = 0;
		for (byte[] payload : payloads) {
			int slot = (int) (count++ % ring.length);
			if (ring[slot] != null) {
				ring[slot].get(60, TimeUnit.SECONDS);
			}
			ring[slot] = producer.send(payload);
		}
		producer.flush().get(60, TimeUnit.SECONDS);
		for (CompletableFuture<?> receipt : ring) {
			if (receipt != null) {
				receipt.get(60, TimeUnit.SECONDS);
			}
		}
		long elapsed = System.nanoTime() - start;
		lastSnapshot = threadCpu();
		producer.end().get(60, TimeUnit.SECONDS);
		afterProduce = threadCpu();
		return elapsed;
	}

	private static long consume(Streamer streamer, StreamKey key, List<byte[]> payloads, Instant since)
			throws Exception {
		long start = System.nanoTime();
		try (Consumer consumer = streamer.createConsumer(List.of(key),
				ConsumerOptions.builder().mode(ConsumerMode.REAL_TIME).streamReset(StreamReset.EARLIEST).build())) {
			consumer.seek(since.truncatedTo(ChronoUnit.MILLIS).minusMillis(1)).get(60, TimeUnit.SECONDS);
			for (int i = 0; i < payloads.size(); i++) {
				Message message = consumer.next().get(60, TimeUnit.SECONDS);
				if (i == 0) {
					firstMessageNanos = System.nanoTime() - start;
				}
				byte[] expected = payloads.get(i);
				if (message.payloadSize() != expected.length) {
					throw new IllegalStateException("message " + i + " is not the one sent");
				}
			}
			long elapsed = System.nanoTime() - start;
			lastSnapshot = threadCpu();
			return elapsed;
		}
	}

	/**
	 * The CPU time of the calling thread: less disturbed by other processes than the wall
	 * clock.
	 */
	private static long time(Step step) throws Exception {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long start = threads.getCurrentThreadCpuTime();
		step.run();
		return threads.getCurrentThreadCpuTime() - start;
	}

	/** CPU time per thread name (numbered pool threads summed), nanoseconds. */
	private static java.util.Map<String, Long> threadCpu() {
		java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
		java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
		for (java.lang.management.ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
			if (info != null) {
				long t = bean.getThreadCpuTime(info.getThreadId());
				if (t > 0) {
					cpu.merge(info.getThreadName().replaceAll("-\\d+$", "-N"), t, Long::sum);
				}
			}
		}
		return cpu;
	}

	private static String delta(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
		StringBuilder out = new StringBuilder();
		after.forEach((name, t) -> {
			long d = t - before.getOrDefault(name, 0L);
			if (d > 1_000_000L) {
				out.append(String.format(Locale.ROOT, "%s %.1f ms; ", name, d / 1e6));
			}
		});
		return out.toString();
	}

	private static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private interface Step {

		void run() throws Exception;

	}

}
