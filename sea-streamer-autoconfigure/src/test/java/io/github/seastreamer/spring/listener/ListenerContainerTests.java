package io.github.seastreamer.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.spring.core.SimplePayloadConverter;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DefaultListenerContainer} on {@code mem://}: commits, pause and
 * resume, errors, shutdown.
 */
class ListenerContainerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final Queue<MessageHeader> committed = new ConcurrentLinkedQueue<>();

	private final List<String> states = new CopyOnWriteArrayList<>();

	private Streamer streamer;

	private StreamTemplate template;

	private StreamListenerEndpointRegistry registry;

	private StreamKey stream;

	@BeforeEach
	void setUp() {
		this.streamer = SeaStreamer.connect("mem://container-" + UUID.randomUUID());
		Streamers streamers = new Streamers(Map.of(Streamers.DEFAULT, this.streamer));
		this.template = new StreamTemplate(streamers, new SimplePayloadConverter(), List.of(), Duration.ofSeconds(5));
		ListenerObserver observer = new ListenerObserver() {

			@Override
			public void onCommitted(ListenerContainer container, List<MessageHeader> headers) {
				ListenerContainerTests.this.committed.addAll(headers);
			}

			@Override
			public void onStateChange(ListenerContainer container, ContainerState from, ContainerState to) {
				ListenerContainerTests.this.states.add(to.name());
			}

		};
		this.registry = new StreamListenerEndpointRegistry(streamers, this.template, List.of(),
				new LoggingErrorHandler(), List.of(observer), Duration.ofMillis(20), Duration.ofSeconds(5));
		this.stream = StreamKey.of("s-" + UUID.randomUUID().toString().substring(0, 8));
	}

	@AfterEach
	void tearDown() {
		this.registry.destroy();
		this.template.close();
		this.streamer.close();
	}

	private List<MessageHeader> produce(int count) {
		Producer producer = this.streamer.createProducer(this.stream);
		List<MessageHeader> receipts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			receipts.add(producer.send("m-" + i).join());
		}
		producer.end().join();
		return receipts;
	}

	private ListenerEndpoint.Builder endpoint(String id, MessageHandler handler) {
		return ListenerEndpoint.builder(id, handler)
			.streams(List.of(this.stream))
			.consumerOptions(ConsumerOptions.builder()
				.mode(ConsumerMode.RESUMABLE)
				.group("g-" + id + "-" + UUID.randomUUID())
				.streamReset(StreamReset.EARLIEST)
				.build());
	}

	@Test
	void onlyTheContiguousPrefixOfAcknowledgedMessagesIsCommitted() {
		List<MessageHeader> sent = produce(10);
		List<Acknowledgement> acks = Collections.synchronizedList(new ArrayList<>());
		ListenerContainer container = this.registry
			.register(endpoint("manual", (message, ack) -> acks.add(ack)).manualAcknowledgement(true)
				.maxInFlight(10)
				.build());
		container.start();
		await().atMost(WAIT).until(() -> acks.size() == 10);
		acks.get(2).acknowledge();
		acks.get(1).acknowledge();
		acks.get(5).acknowledge();
		await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> this.committed.isEmpty());
		acks.get(0).acknowledge();
		await().atMost(WAIT).until(() -> this.committed.size() == 3);
		assertThat(this.committed).containsExactlyElementsOf(sent.subList(0, 3));
		acks.get(4).acknowledge();
		acks.get(3).acknowledge();
		await().atMost(WAIT).until(() -> this.committed.size() == 6);
		assertThat(this.committed).containsExactlyElementsOf(sent.subList(0, 6));
		assertThat(container.inFlight()).isEqualTo(4);
		acks.subList(6, 10).forEach(Acknowledgement::acknowledge);
		await().atMost(WAIT).until(() -> this.committed.size() == 10);
	}

	@Test
	void unorderedConcurrentHandlersStillCommitOnlyContiguousCompletedMessages() {
		List<MessageHeader> sent = produce(200);
		Queue<Long> handled = new ConcurrentLinkedQueue<>();
		ListenerContainer container = this.registry.register(endpoint("unordered", (message, ack) -> {
			long sequence = message.sequence();
			CompletableFuture<Void> done = new CompletableFuture<>();
			CompletableFuture.delayedExecutor((sequence * 7) % 5, java.util.concurrent.TimeUnit.MILLISECONDS)
				.execute(() -> {
					handled.add(sequence);
					done.complete(null);
				});
			return done;
		}).concurrency(4).ordered(false).maxInFlight(16).build());
		container.start();
		await().atMost(WAIT).until(() -> handled.size() == 200);
		await().atMost(WAIT).until(() -> this.committed.size() == 200);
		assertThat(this.committed).containsExactlyInAnyOrderElementsOf(sent);
		List<MessageHeader> order = new ArrayList<>(this.committed);
		for (int i = 1; i < order.size(); i++) {
			assertThat(order.get(i).sequence()).isGreaterThan(order.get(i - 1).sequence());
		}
	}

	@Test
	void pausedContainerTakesNothingUntilResumed() {
		Queue<String> received = new ConcurrentLinkedQueue<>();
		ListenerContainer container = this.registry
			.register(endpoint("pausing", (message, ack) -> received.add(message.payloadAsString())).build());
		container.start();
		container.pause();
		assertThat(container.state()).isEqualTo(ContainerState.PAUSED);
		produce(20);
		await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> container.received() == 0);
		container.resume();
		assertThat(container.state()).isEqualTo(ContainerState.RUNNING);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(received)
				.as("received %d, in flight %d, %s", container.received(), container.inFlight(), container.state())
				.hasSize(20));
	}

	@Test
	void failingHandlerGoesToTheErrorHandlerAndIsCommitted() {
		List<MessageHeader> sent = produce(5);
		Queue<Long> handled = new ConcurrentLinkedQueue<>();
		ListenerContainer container = this.registry.register(endpoint("failing", (message, ack) -> {
			if (message.sequence() == sent.get(2).sequence()) {
				throw new IllegalStateException("boom");
			}
			handled.add(message.sequence());
			return null;
		}).build());
		container.start();
		await().atMost(WAIT).until(() -> this.committed.size() == 5);
		assertThat(handled).hasSize(4);
		assertThat(container.state()).isEqualTo(ContainerState.RUNNING);
	}

	@Test
	void failingErrorHandlerStopsTheContainerWithoutCommittingTheMessage() {
		List<MessageHeader> sent = produce(5);
		Streamers streamers = new Streamers(Map.of(Streamers.DEFAULT, this.streamer));
		StreamListenerEndpointRegistry strict = new StreamListenerEndpointRegistry(streamers, this.template, List.of(),
				(container, message, error) -> CompletableFuture.failedFuture(error), List.of(new ListenerObserver() {

					@Override
					public void onCommitted(ListenerContainer container, List<MessageHeader> headers) {
						ListenerContainerTests.this.committed.addAll(headers);
					}

				}), Duration.ofMillis(20), Duration.ofSeconds(5));
		try {
			ListenerContainer container = strict.register(endpoint("strict", (message, ack) -> {
				if (message.sequence() == sent.get(2).sequence()) {
					throw new IllegalStateException("boom");
				}
				return null;
			}).build());
			container.start();
			await().atMost(WAIT).until(() -> container.state() == ContainerState.FAILED);
			assertThat(this.committed).containsExactlyElementsOf(sent.subList(0, 2));
		}
		finally {
			strict.destroy();
		}
	}

	@Test
	void stopWaitsForInFlightHandlersThenCommitsAndCanStartAgain() {
		List<MessageHeader> sent = produce(3);
		CompletableFuture<Void> slow = new CompletableFuture<>();
		ListenerContainer container = this.registry.register(
				endpoint("graceful", (message, ack) -> (message.sequence() == sent.get(2).sequence()) ? slow : null)
					.build());
		container.start();
		await().atMost(WAIT).until(() -> container.received() == 3);
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(container::stop);
		await().atMost(WAIT).until(() -> container.state() == ContainerState.STOPPING);
		slow.complete(null);
		stopping.join();
		assertThat(container.state()).isEqualTo(ContainerState.STOPPED);
		assertThat(this.committed).containsExactlyElementsOf(sent);
		assertThat(this.states).containsSubsequence("STARTING", "RUNNING", "STOPPING", "STOPPED");
		container.start();
		assertThat(container.state()).isEqualTo(ContainerState.RUNNING);
	}

}
