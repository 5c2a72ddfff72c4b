package io.github.seastreamer.mem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moving a {@code mem://} consumer group with {@link GroupRepositioner}: consumers of the
 * group created afterwards start where it was moved, also backwards.
 */
class MemGroupRepositionerTests {

	private final String name = "mem-move-" + System.nanoTime();

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

	private GroupRepositioner groups() {
		return (GroupRepositioner) this.streamer;
	}

	private List<MessageHeader> send(int from, int count) throws Exception {
		Producer producer = this.streamer.createProducer(this.key);
		List<MessageHeader> receipts = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			receipts.add(get(producer.send("m" + i)));
		}
		return receipts;
	}

	private String firstPayload(ConsumerOptions options) throws Exception {
		try (Consumer consumer = this.streamer.createConsumer(this.key, options)) {
			Message message = get(consumer.next());
			get(consumer.commit(message.header()));
			return message.payloadAsString();
		}
	}

	@Test
	void resumableGroupMovedBackToTheBeginningReadsEverythingAgain() throws Exception {
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.RESUMABLE)
			.group("g")
			.streamReset(StreamReset.LATEST)
			.build();
		List<MessageHeader> sent = send(0, 3);
		try (Consumer consumer = this.streamer.createConsumer(this.key, options)) {
			send(3, 1);
			get(consumer.commit(get(consumer.next()).header()));
		}
		get(groups().moveGroup(List.of(this.key), options, SeqPos.BEGINNING));
		assertThat(firstPayload(options)).isEqualTo("m0");
		get(groups().moveGroup(List.of(this.key), options, SeqPos.at(sent.get(2).sequence())));
		assertThat(firstPayload(options)).isEqualTo("m2");
	}

	@Test
	void resumableGroupMovedToATimeResumesAtTheFirstMessageAtOrAfterIt() throws Exception {
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.RESUMABLE)
			.group("g")
			.streamReset(StreamReset.EARLIEST)
			.build();
		send(0, 2);
		Instant mark = Instant.now();
		await().atMost(java.time.Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(mark.plusMillis(2)));
		Instant later = Instant.now();
		send(2, 2);
		get(groups().moveGroup(List.of(this.key), options, later));
		assertThat(firstPayload(options)).isEqualTo("m2");
		get(groups().moveGroup(List.of(this.key), options, SeqPos.END));
		send(4, 1);
		assertThat(firstPayload(options)).isEqualTo("m4");
	}

	@Test
	void loadBalancedGroupMovedToTheBeginningIsServedFromThere() throws Exception {
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.LOAD_BALANCED)
			.group("workers")
			.streamReset(StreamReset.EARLIEST)
			.build();
		send(0, 2);
		assertThat(firstPayload(options)).isEqualTo("m0");
		get(groups().moveGroup(List.of(this.key), options, SeqPos.END));
		send(2, 1);
		assertThat(firstPayload(options)).isEqualTo("m2");
		get(groups().moveGroup(List.of(this.key), options, SeqPos.BEGINNING));
		assertThat(firstPayload(options)).isEqualTo("m0");
	}

}
