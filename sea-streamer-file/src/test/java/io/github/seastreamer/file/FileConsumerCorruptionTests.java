package io.github.seastreamer.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.file.format.SampleFiles;
import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single-byte flips in a generated file read through the backend's consumers, where
 * payload checksums are checked by whichever thread claims a run of frames (a consumer or
 * the reader) after the reader has moved on: two consumers of one reader (one of every
 * stream, one of a single stream, so that it skips runs) never get a damaged payload;
 * with {@code FAIL} each gets the intact messages before the damage and then an error
 * naming the offset; with {@code SKIP_TO_NEXT_BEACON} each gets every message that lies
 * beyond the damage and the beacon after it.
 */
class FileConsumerCorruptionTests {

	private static final int INTERVAL = 1024;

	private static final StreamKey ALPHA = StreamKey.of("alpha");

	private static final StreamKey BETA = StreamKey.of("beta");

	private static final StreamKey GAMMA = StreamKey.of("gamma.long-name_x");

	private static byte[] original;

	private static final List<Frame> frames = new ArrayList<>();

	private static final Map<String, Frame> byId = new HashMap<>();

	@TempDir
	Path dir;

	@BeforeAll
	static void generate() throws Exception {
		original = SampleFiles.mixed(600, INTERVAL, 42);
		SsReader reader = SsReader.open(SsSource.of(original));
		SsFrame f;
		while ((f = reader.next()) != null) {
			if (!f.isEndOfStream()) {
				Frame frame = new Frame(f.key().name() + "/" + f.shard() + "/" + f.sequence(), f.key(),
						f.payloadBytes(), f.offset(), f.endOffset());
				frames.add(frame);
				byId.put(frame.id(), frame);
			}
		}
		assertThat(frames).hasSize(600);
	}

	record Frame(String id, StreamKey key, byte[] payload, long offset, long end) {
	}

	record Outcome(List<Message> delivered, Throwable error) {
	}

	@Test
	void flipsNeverDeliverADamagedPayloadToConsumersOfOneReader() throws Exception {
		Random random = new Random(11);
		int positions = 0;
		int failures = 0;
		for (int i = 0; i < 60; i++) {
			int p = 128 + (int) ((long) i * (original.length - 128) / 60) + random.nextInt(40);
			if (p >= original.length) {
				continue;
			}
			positions++;
			byte[] data = original.clone();
			data[p] ^= (byte) (1 + random.nextInt(255));
			Path file = this.dir.resolve("flip-" + i + ".ss");
			Files.write(file, data);
			Frame hit = frames.stream().filter((f) -> p >= f.offset() && p < f.end()).findFirst().orElse(null);

			List<Outcome> fail = read(file, FileConsumerOptions.OnCorruption.FAIL);
			List<Outcome> skip = read(file, FileConsumerOptions.OnCorruption.SKIP_TO_NEXT_BEACON);
			long damageAt = p;
			for (Outcome outcome : fail) {
				assertIntact(outcome, hit, p);
				if (outcome.error() instanceof SsFormatException damage) {
					assertThat(damage.getMessage()).contains("offset");
					damageAt = Math.max(damageAt, damage.offset());
				}
				else {
					assertThat(outcome.error()).as("flip at %d", p).isInstanceOf(StreamEndedException.class);
				}
			}
			if (fail.get(0).error() instanceof SsFormatException) {
				failures++;
			}
			for (int c = 0; c < 2; c++) {
				Set<StreamKey> keys = (c == 0) ? Set.of(ALPHA, BETA, GAMMA) : Set.of(BETA);
				long before = Math.min(p, damageAt);
				long intactBefore = frames.stream().filter((f) -> keys.contains(f.key()) && f.end() <= before).count();
				assertThat((long) fail.get(c).delivered().size()).as("consumer %d, intact before a flip at %d", c, p)
					.isGreaterThanOrEqualTo(intactBefore);
				Outcome skipped = skip.get(c);
				assertIntact(skipped, hit, p);
				assertThat(skipped.error()).as("consumer %d with skip, flip at %d", c, p)
					.isInstanceOf(StreamEndedException.class);
				long resume = damageAt + 2L * INTERVAL;
				List<String> after = frames.stream()
					.filter((f) -> keys.contains(f.key()) && f.offset() > resume)
					.map(Frame::id)
					.toList();
				List<String> deliveredAfter = skipped.delivered()
					.stream()
					.map(FileConsumerCorruptionTests::id)
					.filter((id) -> byId.containsKey(id) && byId.get(id).offset() > resume)
					.toList();
				assertThat(deliveredAfter).as("consumer %d, messages beyond a flip at %d with skip", c, p)
					.isEqualTo(after);
			}
		}
		assertThat(positions).isGreaterThanOrEqualTo(55);
		assertThat(failures).as("flips found by the checksums and structure checks").isGreaterThan(positions / 2);
	}

	private static String id(Message m) {
		return m.streamKey().name() + "/" + m.shardId().id() + "/" + m.sequence();
	}

	/** Every delivered payload is the original one of its message, in file order. */
	private static void assertIntact(Outcome outcome, Frame hit, int p) {
		long lastOffset = -1;
		for (Message m : outcome.delivered()) {
			Frame same = byId.get(id(m));
			if (same != null && Arrays.equals(same.payload(), m.payloadBytes())) {
				assertThat(same.offset()).as("order after a flip at %d", p).isGreaterThan(lastOffset);
				lastOffset = same.offset();
			}
			else {
				// a flip in a header field no checksum covers (shard, sequence, time)
				assertThat(hit).as("a message not in the original after a flip at %d: %s", p, id(m)).isNotNull();
				assertThat(Arrays.equals(m.payloadBytes(), hit.payload()))
					.as("the payload of %s is intact after a flip at %d", id(m), p)
					.isTrue();
			}
		}
	}

	/**
	 * Read the file to its end with two consumers of one streamer: every stream, and only
	 * {@code beta}.
	 */
	private List<Outcome> read(Path file, FileConsumerOptions.OnCorruption onCorruption) throws Exception {
		Streamer streamer = SeaStreamer.connect("file://" + file,
				ConnectOptions.builder().with(FileConnectOptions.builder().prefetchMessages(200).build()).build());
		try {
			ConsumerOptions options = ConsumerOptions.builder()
				.streamReset(StreamReset.EARLIEST)
				.with(FileConsumerOptions.builder().liveStreaming(false).onCorruption(onCorruption).build())
				.build();
			Consumer all = streamer.createConsumer(List.of(ALPHA, BETA, GAMMA), options);
			Consumer beta = streamer.createConsumer(List.of(BETA), options);
			List<Outcome> outcomes = List.of(drain(all), drain(beta));
			all.close();
			beta.close();
			return outcomes;
		}
		finally {
			streamer.disconnect().get(10, TimeUnit.SECONDS);
		}
	}

	private static Outcome drain(Consumer consumer) throws Exception {
		List<Message> delivered = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			try {
				delivered.add(consumer.next().get(10, TimeUnit.SECONDS));
			}
			catch (ExecutionException ex) {
				Throwable error = SeaStreamerException.find(ex);
				assertThat(error).as("an error the backend names, not %s", ex.getCause()).isNotNull();
				return new Outcome(delivered, error);
			}
		}
		throw new AssertionError("more messages than the file holds");
	}

}
