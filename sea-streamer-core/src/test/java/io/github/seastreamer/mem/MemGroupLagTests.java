package io.github.seastreamer.mem;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.GroupLagReporter;
import io.github.seastreamer.Message;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The group lag that {@code mem://} reports through {@link GroupLagReporter}.
 */
class MemGroupLagTests {

	private final String name = "mem-lag-" + System.nanoTime();

	private final StreamKey key = StreamKey.of("jobs");

	private final Streamer streamer = SeaStreamer.connect("mem://" + this.name);

	@AfterEach
	void disconnect() {
		this.streamer.close();
		MemStreamerProvider.dropBroker(this.name);
	}

	private static <T> T get(CompletableFuture<T> future) throws Exception {
		return future.get(10, TimeUnit.SECONDS);
	}

	private List<ShardLag> lag(ConsumerOptions options) throws Exception {
		return get(((GroupLagReporter) this.streamer).groupLag(List.of(this.key), options));
	}

	private void send(int count) throws Exception {
		Producer producer = this.streamer.createProducer(this.key);
		for (int i = 0; i < count; i++) {
			get(producer.send("m" + i));
		}
		get(producer.flush());
	}

	@Test
	void resumableGroupLagIsWhatFollowsItsCommittedSequence() throws Exception {
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.RESUMABLE)
			.group("g")
			.streamReset(StreamReset.EARLIEST)
			.build();
		send(5);
		assertThat(lag(options)).containsExactly(new ShardLag(this.key, ShardId.ZERO, 5));
		try (Consumer consumer = this.streamer.createConsumer(this.key, options)) {
			Message third = null;
			for (int i = 0; i < 3; i++) {
				third = get(consumer.next());
			}
			assertThat(lag(options)).containsExactly(new ShardLag(this.key, ShardId.ZERO, 5));
			get(consumer.commit(third.header()));
			assertThat(lag(options)).containsExactly(new ShardLag(this.key, ShardId.ZERO, 2));
		}
	}

	@Test
	void loadBalancedGroupLagCountsClaimedAndUnclaimedMessagesUntilCommitted() throws Exception {
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.LOAD_BALANCED)
			.group("workers")
			.streamReset(StreamReset.EARLIEST)
			.build();
		send(4);
		try (Consumer consumer = this.streamer.createConsumer(this.key, options)) {
			Message last = null;
			for (int i = 0; i < 4; i++) {
				last = get(consumer.next());
			}
			assertThat(lag(options)).containsExactly(new ShardLag(this.key, ShardId.ZERO, 4));
			get(consumer.commit(last.header()));
			assertThat(lag(options)).containsExactly(new ShardLag(this.key, ShardId.ZERO, 0));
		}
	}

	@Test
	void streamsThatDoNotExistAreLeftOut() throws Exception {
		assertThat(get(((GroupLagReporter) this.streamer).groupLag(List.of(StreamKey.of("nothing-here")),
				ConsumerOptions.builder().mode(ConsumerMode.RESUMABLE).group("g").build())))
			.isEmpty();
	}

	@Test
	void realTimeModeHasNoGroupAndFailsWithAClearError() {
		CompletableFuture<List<ShardLag>> lag = ((GroupLagReporter) this.streamer).groupLag(List.of(this.key),
				ConsumerOptions.defaults());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> get(lag))
			.havingCause()
			.isInstanceOfSatisfying(SeaStreamerException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET))
			.withMessageContaining("REAL_TIME");
	}

}
