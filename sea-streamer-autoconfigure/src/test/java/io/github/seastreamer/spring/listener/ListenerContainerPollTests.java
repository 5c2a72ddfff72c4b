package io.github.seastreamer.spring.listener;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
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
 * How {@link DefaultListenerContainer} gathers a batch after one {@code next()}: with
 * {@link Consumer#poll()} when the consumer implements it, and without losing or
 * reordering anything when poll finds nothing. The consumer is a {@code mem://} one
 * behind a counting proxy.
 */
class ListenerContainerPollTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final AtomicInteger nextCalls = new AtomicInteger();

	private final AtomicInteger pollCalls = new AtomicInteger();

	private final AtomicInteger pollHits = new AtomicInteger();

	private Streamer streamer;

	private StreamTemplate template;

	private StreamKey stream;

	private StreamListenerEndpointRegistry registry;

	@BeforeEach
	void setUp() {
		this.streamer = SeaStreamer.connect("mem://container-poll-" + UUID.randomUUID());
		this.stream = StreamKey.of("s-" + UUID.randomUUID().toString().substring(0, 8));
	}

	@AfterEach
	void tearDown() {
		if (this.registry != null) {
			this.registry.destroy();
		}
		if (this.template != null) {
			this.template.close();
		}
		this.streamer.close();
	}

	/**
	 * A registry whose streamer hands out consumers that count their calls; with
	 * {@code pollFindsNothing} their {@code poll()} always answers {@code null}.
	 */
	private StreamListenerEndpointRegistry registry(boolean pollFindsNothing) {
		Streamer counting = (Streamer) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Streamer.class }, (proxy, method, args) -> {
					Object result = invoke(this.streamer, method, args);
					return (result instanceof Consumer consumer) ? countingConsumer(consumer, pollFindsNothing)
							: result;
				});
		Streamers streamers = new Streamers(Map.of(Streamers.DEFAULT, counting));
		this.template = new StreamTemplate(streamers, new SimplePayloadConverter(), List.of(), Duration.ofSeconds(5));
		this.registry = new StreamListenerEndpointRegistry(streamers, this.template, List.of(),
				new LoggingErrorHandler(), List.of(), Duration.ofMillis(20), Duration.ofSeconds(5));
		return this.registry;
	}

	private Consumer countingConsumer(Consumer consumer, boolean pollFindsNothing) {
		InvocationHandler handler = (proxy, method, args) -> {
			switch (method.getName()) {
				case "next" -> this.nextCalls.incrementAndGet();
				case "poll" -> {
					this.pollCalls.incrementAndGet();
					if (pollFindsNothing) {
						return null;
					}
					Object message = invoke(consumer, method, args);
					if (message != null) {
						this.pollHits.incrementAndGet();
					}
					return message;
				}
				default -> {
				}
			}
			return invoke(consumer, method, args);
		};
		return (Consumer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Consumer.class },
				handler);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private List<String> produce(int count) {
		return produce(0, count);
	}

	private List<String> produce(int from, int count) {
		Producer producer = this.streamer.createProducer(this.stream);
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		List<String> payloads = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			receipts.add(producer.send("m-" + i));
			payloads.add("m-" + i);
		}
		receipts.forEach(CompletableFuture::join);
		return payloads;
	}

	private ListenerContainer register(StreamListenerEndpointRegistry registry, List<String> received) {
		return registry.register(ListenerEndpoint.builder("poll", (message, ack) -> {
			received.add(message.payloadAsString());
			return null;
		})
			.streams(List.of(this.stream))
			.consumerOptions(
					ConsumerOptions.builder().mode(ConsumerMode.REAL_TIME).streamReset(StreamReset.EARLIEST).build())
			.maxInFlight(1000)
			.build());
	}

	@Test
	void batchesAreGatheredWithPollSoThatNextIsCalledAboutOncePerBatchNotOncePerMessage() {
		List<String> sent = produce(600);
		List<String> received = new CopyOnWriteArrayList<>();
		ListenerContainer container = register(registry(false), received);
		container.start();
		await().atMost(WAIT).until(() -> received.size() >= 600);
		assertThat(received).containsExactlyElementsOf(sent);
		assertThat(this.pollHits.get()).as("messages gathered with poll()").isGreaterThan(500);
		assertThat(this.nextCalls.get()).as("next() calls for 600 messages in batches of up to 256").isLessThan(20);
		container.stop();
		assertThat(container.received()).isEqualTo(600);
	}

	@Test
	void aConsumerWhosePollFindsNothingStillHasEveryMessageDeliveredInOrderThroughNext() {
		List<String> sent = produce(300);
		List<String> received = new CopyOnWriteArrayList<>();
		ListenerContainer container = register(registry(true), received);
		container.start();
		await().atMost(WAIT).until(() -> received.size() >= 300);
		assertThat(received).containsExactlyElementsOf(sent);
		assertThat(this.pollCalls.get()).as("poll() was asked after each next()").isPositive();
		assertThat(this.nextCalls.get()).as("every message came through next()").isGreaterThanOrEqualTo(300);
		List<String> later = produce(10);
		await().atMost(WAIT).until(() -> received.size() >= 310);
		assertThat(received.subList(300, 310)).as("what arrives while the reader waits in next()")
			.containsExactlyElementsOf(later);
	}

	@Test
	void whileTheLaneWaitsForTheNextMessageAPauseHoldsWhatArrivesAndAStopEndsTheWait() {
		List<String> sent = produce(50);
		List<String> received = new CopyOnWriteArrayList<>();
		ListenerContainer container = register(registry(false), received);
		container.start();
		await().atMost(WAIT).until(() -> received.size() >= 50);
		// nothing is buffered now: the lane waits for the next message
		List<String> whileRunning = produce(5);
		await().atMost(WAIT).until(() -> received.size() >= 55);
		container.pause();
		List<String> whilePaused = produce(10);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> received.size() == 55 && container.received() == 55);
		container.resume();
		await().atMost(WAIT).until(() -> received.size() >= 65);
		List<String> expected = new ArrayList<>(sent);
		expected.addAll(whileRunning);
		expected.addAll(whilePaused);
		assertThat(received).as("in order, none lost across the pause").containsExactlyElementsOf(expected);
		long before = System.nanoTime();
		container.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - before)).as("a stop ends the lane's wait at once")
			.isLessThan(Duration.ofSeconds(4));
		assertThat(container.state()).isEqualTo(ContainerState.STOPPED);
		assertThat(container.received()).isEqualTo(65);
	}

	@Test
	void whileTheLaneIsHeldUpByItsHandlerTheReaderTakesAndTheOrderIsKept() {
		List<String> received = new CopyOnWriteArrayList<>();
		java.util.concurrent.Semaphore gate = new java.util.concurrent.Semaphore(0);
		AtomicInteger heldUpAt = new AtomicInteger(-1);
		ListenerContainer container = registry(false).register(ListenerEndpoint.builder("held-up", (message, ack) -> {
			String payload = message.payloadAsString();
			int n = Integer.parseInt(payload.substring(2));
			if (n % 1000 == 100) {
				heldUpAt.set(n);
				gate.acquireUninterruptibly();
			}
			received.add(payload);
			return null;
		})
			.streams(List.of(this.stream))
			.consumerOptions(
					ConsumerOptions.builder().mode(ConsumerMode.REAL_TIME).streamReset(StreamReset.EARLIEST).build())
			.maxInFlight(5000)
			.build());
		List<String> sent = new ArrayList<>();
		container.start();
		for (int round = 0; round < 3; round++) {
			int heldUp = round * 1000 + 100;
			sent.addAll(produce(round * 1000, 1000));
			await().atMost(WAIT).until(() -> heldUpAt.get() == heldUp);
			// the lane took at most a batch of 256; with its handler held up, the reader
			// takes the rest of what was sent
			int total = sent.size();
			await().atMost(WAIT).until(() -> container.received() == total);
			assertThat(received).hasSize(heldUp);
			gate.release();
			await().atMost(WAIT).until(() -> received.size() == total);
		}
		assertThat(received).as("in order across every hand-over between the lane and the reader")
			.containsExactlyElementsOf(sent);
		container.stop();
	}

	@Test
	void pollIsUsedOnlyWhenTheConsumerImplementsIt() {
		Consumer withoutPoll = new Consumer() {

			@Override
			public CompletableFuture<Message> next() {
				return new CompletableFuture<>();
			}

			@Override
			public Set<StreamKey> streamKeys() {
				return Set.of();
			}

			@Override
			public ConsumerMode mode() {
				return ConsumerMode.REAL_TIME;
			}

			@Override
			public void close() {
			}

		};
		try (Consumer mem = this.streamer.createConsumer(this.stream, ConsumerOptions.defaults())) {
			assertThat(DefaultListenerContainer.implementsPoll(mem)).isTrue();
		}
		assertThat(DefaultListenerContainer.implementsPoll(withoutPoll)).isFalse();
	}

}
