package io.github.seastreamer.file;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.file.format.SsHeader;
import io.github.seastreamer.file.format.SsWriter;
import io.github.seastreamer.file.format.StreamShard;

/**
 * A benchmark, not a test: how long {@code Consumer.seek(Instant)} takes in a file of 1
 * 000 000 messages (256-byte payloads, timestamps 1 ms apart, 1 MiB beacon interval). Run
 * from the repository root after {@code ./mvnw -o test-compile -pl sea-streamer-file}:
 *
 * <pre>
 * java -cp "sea-streamer-file/target/classes:sea-streamer-file/target/test-classes:$(./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -pl sea-streamer-file)" \
 *     io.github.seastreamer.file.SeekBenchmark [file]
 * </pre>
 *
 * Prints the time of each of 50 seeks to random times (including the time until the
 * message after the seek arrives), then the median and the maximum.
 */
public final class SeekBenchmark {

	private SeekBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args optional file path (default a temporary file, deleted at the end)
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		Path file = (args.length > 0) ? Path.of(args[0]) : Files.createTempFile("seek-bench", ".ss");
		int count = 1_000_000;
		long start = 1_700_000_000_000L;
		byte[] payload = new byte[256];
		StreamKey key = StreamKey.of("bench");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			SsWriter writer = SsWriter.create(channel, new SsHeader("seek-bench.ss", start, 1 << 20), 1 << 20);
			StreamShard stream = new StreamShard(key, 0);
			for (int i = 1; i <= count; i++) {
				writer.write(stream, i, start + i, payload, 0, payload.length);
			}
			writer.flush();
		}
		System.out.println("file: " + Files.size(file) + " bytes, " + count + " messages");
		Random random = new Random(1);
		List<Long> nanos = new ArrayList<>();
		try (Streamer streamer = SeaStreamer.connect("file://" + file)) {
			Consumer consumer = streamer.createConsumer(List.of(key),
					ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build());
			consumer.next().get(10, TimeUnit.SECONDS);
			for (int i = 0; i < 60; i++) {
				long target = 1 + random.nextInt(count - 2);
				long t0 = System.nanoTime();
				consumer.seek(Instant.ofEpochMilli(start + target)).get(10, TimeUnit.SECONDS);
				Message next = consumer.next().get(10, TimeUnit.SECONDS);
				long elapsed = System.nanoTime() - t0;
				if (next.sequence() != target + 1) {
					throw new IllegalStateException("seek to " + target + " gave " + next.sequence());
				}
				if (i >= 10) {
					nanos.add(elapsed);
				}
			}
			consumer.close();
		}
		finally {
			if (args.length == 0) {
				Files.deleteIfExists(file);
			}
		}
		Collections.sort(nanos);
		System.out.printf("seek to a timestamp (50 seeks after 10 warm-up): median %.2f ms, max %.2f ms%n",
				nanos.get(nanos.size() / 2) / 1e6, nanos.get(nanos.size() - 1) / 1e6);
	}

}
