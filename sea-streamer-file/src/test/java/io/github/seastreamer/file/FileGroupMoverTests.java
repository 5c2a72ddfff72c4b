package io.github.seastreamer.file;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.GroupRepositioner;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moving a consumer group of the file backend with {@link GroupRepositioner}: its
 * consumers created afterwards resume from the new committed positions, also backwards.
 */
class FileGroupMoverTests {

	private static final StreamKey JOBS = StreamKey.of("jobs");

	@TempDir
	Path dir;

	private final List<Streamer> streamers = new ArrayList<>();

	private final ConsumerOptions options = ConsumerOptions.builder()
		.mode(ConsumerMode.RESUMABLE)
		.group("billing")
		.streamReset(StreamReset.EARLIEST)
		.build();

	@AfterEach
	void close() throws Exception {
		for (Streamer streamer : this.streamers) {
			streamer.disconnect().get(10, TimeUnit.SECONDS);
		}
	}

	private Streamer connect() {
		Streamer streamer = SeaStreamer.connect("file://" + this.dir.resolve("move.ss"),
				ConnectOptions.builder().with(FileConnectOptions.builder().beaconInterval(1024).build()).build());
		this.streamers.add(streamer);
		return streamer;
	}

	private static <T> T get(CompletableFuture<T> future) throws Exception {
		return future.get(10, TimeUnit.SECONDS);
	}

	private static List<MessageHeader> send(Producer producer, int from, int count) throws Exception {
		List<MessageHeader> receipts = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			receipts.add(get(producer.sendTo(JOBS, "m" + i + "-" + "x".repeat(100))));
		}
		get(producer.flush());
		return receipts;
	}

	private String firstAndCommit(Streamer streamer) throws Exception {
		Consumer consumer = streamer.createConsumer(List.of(JOBS), this.options);
		try {
			Message message = get(consumer.next());
			get(consumer.commit(message.header()));
			return message.payloadAsString().substring(0, 2);
		}
		finally {
			consumer.close();
		}
	}

	@Test
	void groupMovedBackToTheBeginningOrASequenceReadsFromThere() throws Exception {
		Streamer streamer = connect();
		Producer producer = streamer.createGenericProducer(io.github.seastreamer.ProducerOptions.defaults());
		List<MessageHeader> sent = send(producer, 0, 4);
		assertThat(firstAndCommit(streamer)).isEqualTo("m0");
		assertThat(firstAndCommit(streamer)).isEqualTo("m1");
		get(((GroupRepositioner) streamer).moveGroup(List.of(JOBS), this.options, SeqPos.BEGINNING));
		assertThat(firstAndCommit(streamer)).isEqualTo("m0");
		get(((GroupRepositioner) streamer).moveGroup(List.of(JOBS), this.options, SeqPos.at(sent.get(3).sequence())));
		assertThat(firstAndCommit(streamer)).isEqualTo("m3");
	}

	@Test
	void groupMovedToATimeOrTheEndResumesThere() throws Exception {
		Streamer streamer = connect();
		Producer producer = streamer.createGenericProducer(io.github.seastreamer.ProducerOptions.defaults());
		send(producer, 0, 2);
		Instant mark = Instant.now().plusMillis(5);
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(mark.plusMillis(2)));
		send(producer, 2, 2);
		get(((GroupRepositioner) streamer).moveGroup(List.of(JOBS), this.options, mark));
		assertThat(firstAndCommit(streamer)).isEqualTo("m2");
		get(((GroupRepositioner) streamer).moveGroup(List.of(JOBS), this.options, SeqPos.END));
		send(producer, 4, 1);
		assertThat(firstAndCommit(streamer)).isEqualTo("m4");
	}

}
