package io.github.seastreamer.spring.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.Message;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.retry.DeadLetterErrorHandler;
import io.github.seastreamer.spring.retry.StreamRetry;
import io.github.seastreamer.spring.test.StreamTester;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries and dead-letter streams of {@code @StreamListener} handlers on the in-memory
 * backend, with the listener timer's outcomes.
 */
@SpringBootTest(classes = RetryAndDeadLetterTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "seastreamer.retry.initial-interval=20ms", "seastreamer.retry.max-interval=50ms",
				"seastreamer.retry.max-attempts=3", "seastreamer.consumer.commit-interval=50ms" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RetryAndDeadLetterTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@Autowired
	private BeanFactory beanFactory;

	@Autowired
	private Handlers handlers;

	@Autowired
	private MeterRegistry meterRegistry;

	@org.springframework.test.context.DynamicPropertySource
	static void uri(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "mem://retry-" + UUID.randomUUID());
	}

	@BeforeEach
	void captureLogs() {
		// after the context started: Boot's logging system resets appenders when it does
		Logger logger = (Logger) LoggerFactory.getLogger(DeadLetterErrorHandler.class);
		if (!logger.isAttached(logs)) {
			logs.start();
			logger.addAppender(logs);
		}
	}

	@AfterAll
	static void releaseLogs() {
		((Logger) LoggerFactory.getLogger(DeadLetterErrorHandler.class)).detachAppender(logs);
	}

	@Test
	void handlerFailingTwiceThenSucceedingIsRetriedAndCountedAsRetried() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		tester.send("flaky", "once");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.flakyDone).containsExactly("once"));
		assertThat(this.handlers.flakyCalls.get("once")).hasValue(3);
		await().atMost(WAIT).untilAsserted(() -> assertThat(timerCount("flaky", "retried")).isEqualTo(1));
		assertThat(timerCount("flaky", "dead-lettered")).isZero();
	}

	@Test
	void handlerFailingAlwaysSendsTheMessageToTheDeadLetterStreamAndProcessesEveryOther() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		for (String payload : List.of("a", "poison", "b", "c")) {
			tester.send("orders", payload);
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.orders).containsExactly("a", "b", "c"));
		List<Message> dead = tester.read("orders.dlq", 1, WAIT);
		assertThat(dead.get(0).payloadAsString()).isEqualTo("poison");
		assertThat(this.handlers.poisonCalls).hasValue(3);
		await().atMost(WAIT).untilAsserted(() -> assertThat(timerCount("orders", "dead-lettered")).isEqualTo(1));
		assertThat(timerCount("orders", "success")).isEqualTo(3);
		assertThat(this.meterRegistry.get("seastreamer.listener.errors").tag("listener", "orders").counter().count())
			.isEqualTo(1);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					this.meterRegistry.get("seastreamer.commits").tag("listener", "orders").counter().count())
				.isEqualTo(4));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.meterRegistry.get("seastreamer.messages.sent")
				.tags("stream", "orders.dlq", "streamer", "default", "backend", "mem")
				.counter()
				.count()).isEqualTo(1));
		assertThat(logs.list).anySatisfy((event) -> {
			assertThat(event.getFormattedMessage()).contains("orders.dlq").contains("always fails on poison");
		});
	}

	@Test
	void payloadThatCannotBeConvertedGoesToTheConfiguredDeadLetterStreamWithoutRetries() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		tester.send("typed", "this is not json");
		tester.send("typed", "{\"name\":\"fine\"}");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.typed).containsExactly("fine"));
		List<Message> dead = tester.read("typed-parking", 1, WAIT);
		assertThat(dead.get(0).payloadAsString()).isEqualTo("this is not json");
		assertThat(this.handlers.typedCalls).hasValue(1);
	}

	@Test
	void messagesReceivedAreCountedPerListenerAndStream() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		tester.send("counted", "1");
		tester.send("counted", "2");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.meterRegistry.get("seastreamer.messages.received")
				.tags("listener", "counted", "stream", "counted", "backend", "mem")
				.counter()
				.count()).isEqualTo(2));
	}

	private long timerCount(String listener, String outcome) {
		Timer timer = this.meterRegistry.find("seastreamer.listener")
			.tags("listener", listener, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	/**
	 * A payload type.
	 *
	 * @param name a name
	 */
	record Item(String name) {
	}

	static class Handlers {

		final ConcurrentHashMap<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();

		final Queue<String> flakyDone = new ConcurrentLinkedQueue<>();

		final Queue<String> orders = new ConcurrentLinkedQueue<>();

		final AtomicInteger poisonCalls = new AtomicInteger();

		final Queue<String> typed = new ConcurrentLinkedQueue<>();

		final AtomicInteger typedCalls = new AtomicInteger();

		@StreamListener(id = "flaky", streams = "flaky")
		void flaky(String payload) {
			int call = this.flakyCalls.computeIfAbsent(payload, (p) -> new AtomicInteger()).incrementAndGet();
			if (call <= 2) {
				throw new IllegalStateException("flaky call " + call);
			}
			this.flakyDone.add(payload);
		}

		@StreamListener(id = "orders", streams = "orders", mode = ConsumerMode.RESUMABLE, group = "ops",
				reset = StreamReset.EARLIEST)
		void orders(String payload) {
			if (payload.equals("poison")) {
				this.poisonCalls.incrementAndGet();
				throw new IllegalArgumentException("always fails on poison");
			}
			this.orders.add(payload);
		}

		@StreamListener(id = "typed", streams = "typed")
		@StreamRetry(maxAttempts = 5, deadLetterStream = "typed-parking")
		void typed(Item item) {
			this.typedCalls.incrementAndGet();
			this.typed.add(item.name());
		}

		@StreamListener(id = "counted", streams = "counted")
		void counted(String payload) {
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

}
