package io.github.seastreamer.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spring.annotation.SendTo;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.test.StreamTester;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code @StreamListener} scenarios every backend runs: receiving, a {@code @SendTo}
 * chain across two streamers, restart of a resumable listener, bounded in-flight work
 * with a blocking handler, a condition, and an invalid definition.
 * <p>
 * Subclasses register the backend's URIs with {@link #register}; the shared
 * {@code @SpringBootTest} application holds the listeners, and the restart and failure
 * scenarios run their own applications.
 */
@SpringBootTest(classes = AbstractStreamListenerScenarios.ListenerApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AbstractStreamListenerScenarios {

	static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	ApplicationContext context;

	@Autowired
	Recorder recorder;

	@Autowired
	StreamListenerEndpointRegistry registry;

	/**
	 * The properties of one backend run: the streams are prefixed so each class (and each
	 * run) uses fresh ones.
	 * @param registry the registry
	 * @param prefix the stream prefix
	 * @param properties the properties, at least {@code seastreamer.uri} and
	 * {@code seastreamer.streamers.other.uri}
	 */
	static void register(DynamicPropertyRegistry registry, String prefix, Map<String, String> properties) {
		registry.add("t.p", () -> prefix);
		properties.forEach((key, value) -> registry.add(key, () -> value));
	}

	static String newPrefix() {
		return "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	/**
	 * The properties of this backend for applications started by the test itself.
	 * @return the properties
	 */
	abstract Map<String, String> backendProperties();

	/**
	 * The stream prefix of this class.
	 * @return the prefix
	 */
	abstract String prefix();

	@Test
	void listenerReceivesEveryMessage() {
		StreamTester tester = StreamTester.from(this.context);
		List<String> sent = IntStream.range(0, 100).mapToObj((i) -> "message-" + i).toList();
		sent.forEach((payload) -> tester.send(prefix() + "count", payload));
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.recorder.counted).hasSize(sent.size()));
		assertThat(new ArrayList<>(this.recorder.counted)).containsExactlyElementsOf(sent);
	}

	@Test
	void sendToChainMovesMessagesToASecondStreamAndAcrossStreamers() {
		StreamTester tester = StreamTester.from(this.context);
		for (int i = 0; i < 20; i++) {
			tester.send(prefix() + "chain-a", new Order(i, "item-" + i));
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.recorder.sunk).hasSize(20));
		assertThat(new ArrayList<>(this.recorder.sunk)).extracting(Order::item)
			.containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> "ITEM-" + i).toList());
		assertThat(tester.read("other", prefix() + "chain-c", 20, WAIT)).extracting((m) -> m.payloadAsString())
			.first()
			.asString()
			.contains("\"item\":\"ITEM-0\"");
		assertThat(tester.read(prefix() + "chain-b", 20, WAIT)).hasSize(20);
	}

	@Test
	void blockingHandlerDoesNotTakeMoreThanTheInFlightBound() {
		StreamTester tester = StreamTester.from(this.context);
		ListenerContainer container = this.registry.getListenerContainer("blocking").orElseThrow();
		for (int i = 0; i < 40; i++) {
			tester.send(prefix() + "slow", "slow-" + i);
		}
		await().atMost(WAIT).until(() -> container.received() == 4);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> container.received() <= 4 && container.inFlight() <= 4);
		assertThat(this.recorder.slow).isEmpty();
		this.recorder.release.countDown();
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.recorder.slow).hasSize(40));
		assertThat(container.received()).isEqualTo(40);
	}

	@Test
	void conditionFiltersMessagesOnTheirHeader() {
		StreamTester tester = StreamTester.from(this.context);
		for (int i = 0; i < 10; i++) {
			tester.send(prefix() + "cond-a", "a-" + i);
			tester.send(prefix() + "cond-b", "b-" + i);
		}
		ListenerContainer container = this.registry.getListenerContainer("filter").orElseThrow();
		await().atMost(WAIT).until(() -> container.completed() == 20);
		assertThat(this.recorder.filtered).hasSize(10).allMatch((text) -> text.startsWith(prefix() + "cond-a:a-"));
	}

	@Test
	void resumableListenerRestartedMidStreamDeliversEveryMessageAtLeastOnceAndNoCommittedMessageTwice()
			throws Exception {
		String prefix = newPrefix();
		ResumeRecorder recorder = new ResumeRecorder();
		List<Long> sent = new ArrayList<>();
		try (ConfigurableApplicationContext first = startResumable(prefix, recorder)) {
			StreamTester tester = StreamTester.from(first);
			for (int i = 0; i < 200; i++) {
				sent.add(tester.send(prefix + "resume", "r-" + i).sequence());
			}
			await().atMost(WAIT).until(() -> recorder.firstRun.size() >= 50);
			CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
			ListenerContainer container = first.getBean(StreamListenerEndpointRegistry.class)
				.getListenerContainer("resumable")
				.orElseThrow();
			await().atMost(WAIT).until(() -> container.state() != ContainerState.RUNNING);
			recorder.gate.countDown();
			closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		Set<Long> committedFirst = new HashSet<>(recorder.committed);
		Set<Long> handledFirst = new HashSet<>(recorder.firstRun);
		assertThat(committedFirst).as("commits of the first run").isNotEmpty();
		assertThat(handledFirst).containsAll(committedFirst);
		assertThat(handledFirst).as("the first run stopped mid-stream").hasSizeLessThan(sent.size());
		recorder.second = true;
		try (ConfigurableApplicationContext second = startResumable(prefix, recorder)) {
			assertThat(second.isActive()).isTrue();
			await().atMost(WAIT).untilAsserted(() -> {
				Set<Long> all = new HashSet<>(handledFirst);
				all.addAll(recorder.secondRun);
				assertThat(all).containsAll(sent);
			});
		}
		assertThat(recorder.secondRun).as("delivered again although committed")
			.doesNotContainAnyElementsOf(committedFirst);
	}

	@Test
	void invalidListenerDefinitionFailsStartupNamingTheListener() {
		SpringApplicationBuilder builder = application(InvalidApp.class, newPrefix());
		assertThatThrownBy(builder::run).satisfies((ex) -> assertThat(stackText(ex)).contains("listener 'misfit'")
			.contains("a consumer group ('billing') is not allowed in mode REAL_TIME"));
	}

	private ConfigurableApplicationContext startResumable(String prefix, ResumeRecorder recorder) {
		return application(ResumableApp.class, prefix)
			.initializers((context) -> context.getBeanFactory().registerSingleton("resumeRecorder", recorder))
			.run();
	}

	SpringApplicationBuilder application(Class<?> config, String prefix) {
		List<String> properties = new ArrayList<>();
		backendProperties().forEach((key, value) -> properties.add(key + "=" + value));
		properties.add("t.p=" + prefix);
		properties.add("seastreamer.consumer.commit-interval=100ms");
		properties.add("seastreamer.listener.shutdown-timeout=10s");
		return new SpringApplicationBuilder(config).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties.toArray(String[]::new));
	}

	static String stackText(Throwable failure) {
		java.io.StringWriter out = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(out));
		return out.toString();
	}

	/**
	 * A JSON payload.
	 *
	 * @param id the id
	 * @param item the item
	 */
	record Order(int id, String item) {
	}

	static final class Recorder {

		final Queue<String> counted = new ConcurrentLinkedQueue<>();

		final Queue<Order> sunk = new ConcurrentLinkedQueue<>();

		final Queue<String> filtered = new ConcurrentLinkedQueue<>();

		final Queue<String> slow = new ConcurrentLinkedQueue<>();

		final CountDownLatch release = new CountDownLatch(1);

	}

	static final class ResumeRecorder implements ListenerObserver {

		final Queue<Long> firstRun = new ConcurrentLinkedQueue<>();

		final Queue<Long> secondRun = new ConcurrentLinkedQueue<>();

		final Queue<Long> committed = new ConcurrentLinkedQueue<>();

		final CountDownLatch gate = new CountDownLatch(1);

		volatile boolean second;

		@Override
		public void onCommitted(ListenerContainer container, List<MessageHeader> headers) {
			if (!this.second) {
				this.committed.addAll(headers.stream().map(MessageHeader::sequence).collect(Collectors.toList()));
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ListenerApp {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		Listeners listeners(Recorder recorder) {
			return new Listeners(recorder);
		}

	}

	static class Listeners {

		private final Recorder recorder;

		Listeners(Recorder recorder) {
			this.recorder = recorder;
		}

		@StreamListener(id = "counter", streams = "${t.p}count", reset = StreamReset.EARLIEST)
		void count(String payload) {
			this.recorder.counted.add(payload);
		}

		@StreamListener(id = "upper", streams = "${t.p}chain-a", reset = StreamReset.EARLIEST)
		@SendTo("${t.p}chain-b")
		Order upper(Order order) {
			return new Order(order.id(), order.item().toUpperCase(java.util.Locale.ROOT));
		}

		@StreamListener(id = "relay", streams = "${t.p}chain-b", reset = StreamReset.EARLIEST)
		@SendTo("other:${t.p}chain-c")
		CompletableFuture<Order> relay(Order order, MessageHeader header) {
			return CompletableFuture.supplyAsync(() -> order);
		}

		@StreamListener(id = "sink", streamer = "other", streams = "${t.p}chain-c", reset = StreamReset.EARLIEST)
		void sink(Order order) {
			this.recorder.sunk.add(order);
		}

		@StreamListener(id = "filter", streams = "${t.p}cond-a, ${t.p}cond-b", reset = StreamReset.EARLIEST,
				condition = "stream.endsWith('-a')")
		void filtered(String payload, StreamKey key) {
			this.recorder.filtered.add(key.name() + ":" + payload);
		}

		@StreamListener(id = "blocking", streams = "${t.p}slow", reset = StreamReset.EARLIEST, maxInFlight = "4")
		void slow(String payload) throws InterruptedException {
			if (!this.recorder.release.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
			this.recorder.slow.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ResumableApp {

		@Bean
		ResumableListener resumableListener(ResumeRecorder resumeRecorder) {
			return new ResumableListener(resumeRecorder);
		}

	}

	static class ResumableListener {

		private final ResumeRecorder recorder;

		ResumableListener(ResumeRecorder recorder) {
			this.recorder = recorder;
		}

		@StreamListener(id = "resumable", streams = "${t.p}resume", mode = ConsumerMode.RESUMABLE,
				reset = StreamReset.EARLIEST, maxInFlight = "8")
		void handle(String payload, MessageHeader header) throws InterruptedException {
			if (this.recorder.second) {
				this.recorder.secondRun.add(header.sequence());
				return;
			}
			this.recorder.firstRun.add(header.sequence());
			if (this.recorder.firstRun.size() >= 50) {
				this.recorder.gate.await(60, TimeUnit.SECONDS);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class InvalidApp {

		@Bean
		Object misfitListener() {
			return new Object() {

				@StreamListener(id = "misfit", streams = "${t.p}x", group = "billing")
				void handle(String payload) {
				}

			};
		}

	}

}
