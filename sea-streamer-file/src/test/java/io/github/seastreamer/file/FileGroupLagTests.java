package io.github.seastreamer.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.GroupLagReporter;
import io.github.seastreamer.Message;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The group lag the file backend reports through {@link GroupLagReporter}: the last
 * sequence of each stream and shard in the file minus the group's committed sequence.
 */
class FileGroupLagTests {

	private static final StreamKey JOBS = StreamKey.of("jobs");

	private static final StreamKey OTHER = StreamKey.of("other");

	@TempDir
	Path dir;

	private final List<Streamer> streamers = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (Streamer streamer : this.streamers) {
			streamer.disconnect().get(10, TimeUnit.SECONDS);
		}
	}

	private Streamer connect() {
		Streamer streamer = SeaStreamer.connect("file://" + this.dir.resolve("lag.ss"),
				ConnectOptions.builder().with(FileConnectOptions.builder().beaconInterval(1024).build()).build());
		this.streamers.add(streamer);
		return streamer;
	}

	private static <T> T get(CompletableFuture<T> future) throws Exception {
		return future.get(10, TimeUnit.SECONDS);
	}

	private static List<ShardLag> lag(Streamer streamer, ConsumerOptions options, StreamKey... keys) throws Exception {
		return get(((GroupLagReporter) streamer).groupLag(List.of(keys), options));
	}

	private static void send(Producer producer, StreamKey key, int count) throws Exception {
		for (int i = 0; i < count; i++) {
			// payloads long enough that frames cross beacons, which the lag reader steps
			// over
			producer.sendTo(key, "message-" + i + "-" + "x".repeat(200));
		}
		get(producer.flush());
	}

	@Test
	void resumableLagIsTheLastSequenceMinusTheCommittedOneAndFollowsAppends() throws Exception {
		Streamer streamer = connect();
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.RESUMABLE)
			.group("billing")
			.streamReset(StreamReset.EARLIEST)
			.build();
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		send(producer, JOBS, 10);
		send(producer, OTHER, 3);
		assertThat(lag(streamer, options, JOBS)).containsExactly(new ShardLag(JOBS, ShardId.ZERO, 10));
		Consumer consumer = streamer.createConsumer(List.of(JOBS), options);
		Message fourth = null;
		for (int i = 0; i < 4; i++) {
			fourth = get(consumer.next());
		}
		get(consumer.commit(fourth.header()));
		assertThat(lag(streamer, options, JOBS)).containsExactly(new ShardLag(JOBS, ShardId.ZERO, 6));
		send(producer, JOBS, 5);
		assertThat(lag(streamer, options, JOBS, OTHER)).containsExactlyInAnyOrder(new ShardLag(JOBS, ShardId.ZERO, 11),
				new ShardLag(OTHER, ShardId.ZERO, 3));
		consumer.close();
	}

	@Test
	void loadBalancedLagUsesTheGroupsCommittedPositions() throws Exception {
		Streamer streamer = connect();
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.LOAD_BALANCED)
			.group("workers")
			.streamReset(StreamReset.EARLIEST)
			.build();
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		send(producer, JOBS, 3);
		Consumer consumer = streamer.createConsumer(List.of(JOBS), options);
		Message last = null;
		for (int i = 0; i < 3; i++) {
			last = get(consumer.next());
		}
		assertThat(lag(streamer, options, JOBS)).containsExactly(new ShardLag(JOBS, ShardId.ZERO, 3));
		get(consumer.commit(last.header()));
		assertThat(lag(streamer, options, JOBS)).containsExactly(new ShardLag(JOBS, ShardId.ZERO, 0));
		consumer.close();
	}

	@Test
	void anEmptyFileHasNoLag() throws Exception {
		Streamer streamer = connect();
		assertThat(lag(streamer, ConsumerOptions.builder().mode(ConsumerMode.RESUMABLE).build(), JOBS)).isEmpty();
	}

	@Test
	void afterDisconnectTheLagFailsInsteadOfReopeningTheFile() throws Exception {
		Streamer streamer = connect();
		ConsumerOptions options = ConsumerOptions.builder().mode(ConsumerMode.RESUMABLE).build();
		send(streamer.createGenericProducer(ProducerOptions.defaults()), JOBS, 1);
		assertThat(lag(streamer, options, JOBS)).containsExactly(new ShardLag(JOBS, ShardId.ZERO, 1));
		streamer.disconnect().get(10, TimeUnit.SECONDS);
		CompletableFuture<List<ShardLag>> lag = ((GroupLagReporter) streamer).groupLag(List.of(JOBS), options);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> get(lag))
			.havingCause()
			.isInstanceOfSatisfying(SeaStreamerException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_ENDED));
	}

	@Test
	void realTimeModeHasNoGroupAndFailsWithAClearError() {
		Streamer streamer = connect();
		CompletableFuture<List<ShardLag>> lag = ((GroupLagReporter) streamer).groupLag(List.of(JOBS),
				ConsumerOptions.defaults());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> get(lag))
			.havingCause()
			.isInstanceOfSatisfying(SeaStreamerException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET))
			.withMessageContaining("REAL_TIME");
	}

}
