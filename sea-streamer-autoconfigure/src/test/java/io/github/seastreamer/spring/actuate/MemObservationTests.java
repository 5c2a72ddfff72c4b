package io.github.seastreamer.spring.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.seastreamer.spring.actuate.observation.SeaStreamerObservations;
import io.github.seastreamer.spring.actuate.observation.StreamProcessContext;
import io.github.seastreamer.spring.actuate.observation.StreamSendContext;
import io.github.seastreamer.spring.annotation.SendTo;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.test.StreamTester;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observations of sending and handling on {@code mem://}, which delivers message
 * attributes: the trace context a (stand-in) tracing handler injects on send reaches the
 * listener's observation, sends made by a handler are children of its observation, and
 * failures are tagged with outcome {@code failure}; keys are bounded (no ids).
 */
@SpringBootTest(classes = MemObservationTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "seastreamer.retry.max-attempts=1", "seastreamer.observation.enabled=true" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MemObservationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String PREFIX = "obs-" + UUID.randomUUID().toString().substring(0, 8) + "-";

	/** The contexts of the observations stopped so far. */
	private static final Set<Observation.Context> STOPPED = ConcurrentHashMap.newKeySet();

	@Autowired
	private BeanFactory beanFactory;

	@Autowired
	private TestObservationRegistry observations;

	@Autowired
	private Work work;

	@Value("${obs.prefix}")
	private String prefix;

	@DynamicPropertySource
	static void backend(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "mem://" + PREFIX + "broker");
		registry.add("obs.prefix", () -> PREFIX);
	}

	@Test
	void theListenerObservationContinuesTheTraceOfTheSendAndParentsTheHandlersSends() {
		assertThat(this.beanFactory.getBeanProvider(SeaStreamerObservations.class).getIfAvailable()).isNotNull();
		StreamTester.from(this.beanFactory).send(this.prefix + "in", "hello");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.forwarded).containsExactly("HELLO"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(contexts()).anySatisfy((context) -> {
			assertThat(context).isInstanceOf(StreamSendContext.class);
			assertThat(((StreamSendContext) context).getStream()).isEqualTo(this.prefix + "out");
		}));

		List<Observation.Context> contexts = contexts();
		StreamSendContext sent = find(contexts, StreamSendContext.class, this.prefix + "in");
		StreamProcessContext processed = contexts.stream()
			.filter(StreamProcessContext.class::isInstance)
			.map(StreamProcessContext.class::cast)
			.filter((c) -> c.getListener().equals("forwarding"))
			.findFirst()
			.orElseThrow();
		StreamSendContext forwarded = find(contexts, StreamSendContext.class, this.prefix + "out");

		String traceparent = sent.get(FakePropagation.HEADER);
		assertThat(traceparent).startsWith("trace-");
		assertThat(processed.getMessage().attributes()).containsEntry(FakePropagation.HEADER, traceparent);
		assertThat((String) processed.get(FakePropagation.REMOTE_PARENT)).isEqualTo(traceparent);
		assertThat(forwarded.getParentObservation()).isNotNull();
		assertThat(forwarded.getParentObservation().getContextView()).isSameAs(processed);

		TestObservationRegistryAssert.assertThat(this.observations)
			.hasAnObservation((observation) -> observation.hasNameEqualTo("seastreamer.process")
				.hasLowCardinalityKeyValue("listener", "forwarding")
				.hasLowCardinalityKeyValue("stream", this.prefix + "in")
				.hasLowCardinalityKeyValue("backend", "mem")
				.hasLowCardinalityKeyValue("streamer", "default")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasContextualNameEqualTo(this.prefix + "in process"))
			.hasAnObservation((observation) -> observation.hasNameEqualTo("seastreamer.send")
				.hasLowCardinalityKeyValue("stream", this.prefix + "out")
				.hasLowCardinalityKeyValue("backend", "mem")
				.hasContextualNameEqualTo(this.prefix + "out send"));
	}

	@Test
	void theSendOfASendToResultIsAChildOfTheHandlersObservationWhichEndsOnceItIsIssued() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		tester.send(this.prefix + "ask", "now");
		tester.send(this.prefix + "ask-later", "later");
		tester.send(this.prefix + "ask", "");
		tester.send(this.prefix + "ask-failing", "no");
		await().atMost(WAIT).untilAsserted(() -> {
			List<Observation.Context> contexts = contexts();
			assertReplySentInScope(contexts, "replying", this.prefix + "answer");
			assertReplySentInScope(contexts, "replying-later", this.prefix + "answer-later");
			// the empty payload's null result sends nothing; every observation ends all
			// the same
			List<StreamProcessContext> replies = contexts.stream()
				.filter(StreamProcessContext.class::isInstance)
				.map(StreamProcessContext.class::cast)
				.filter((c) -> c.getListener().startsWith("replying"))
				.toList();
			assertThat(replies).hasSize(4);
			assertThat(STOPPED).containsAll(replies);
			// a result that failed ends it with the failure
			assertThat(replies).filteredOn((c) -> c.getListener().equals("replying-failing"))
				.singleElement()
				.satisfies((c) -> {
					assertThat(c.getOutcome()).isEqualTo("failure");
					assertThat(c.getError()).hasMessageContaining("no answer");
				});
		});
	}

	private static void assertReplySentInScope(List<Observation.Context> contexts, String listener, String stream) {
		StreamProcessContext processed = contexts.stream()
			.filter(StreamProcessContext.class::isInstance)
			.map(StreamProcessContext.class::cast)
			.filter((c) -> c.getListener().equals(listener))
			.findFirst()
			.orElseThrow();
		StreamSendContext reply = find(contexts, StreamSendContext.class, stream);
		assertThat(reply.getParentObservation()).as("parent of the send to " + stream).isNotNull();
		assertThat(reply.getParentObservation().getContextView()).isSameAs(processed);
	}

	@Test
	void aFailingHandlerIsObservedWithOutcomeFailure() {
		StreamTester.from(this.beanFactory).send(this.prefix + "bad", "boom");
		await().atMost(WAIT).untilAsserted(() -> assertThat(contexts()).anySatisfy((context) -> {
			assertThat(context).isInstanceOf(StreamProcessContext.class);
			StreamProcessContext processed = (StreamProcessContext) context;
			assertThat(processed.getListener()).isEqualTo("failing");
			assertThat(processed.getOutcome()).isEqualTo("failure");
			assertThat(processed.getError()).hasMessage("boom");
			assertThat(processed.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failure");
		}));
	}

	private List<Observation.Context> contexts() {
		List<Observation.Context> all = new java.util.ArrayList<>();
		TestObservationRegistryAssert.assertThat(this.observations).hasHandledContextsThatSatisfy(all::addAll);
		return all;
	}

	private static <T extends StreamSendContext> T find(List<Observation.Context> contexts, Class<T> type,
			String stream) {
		return contexts.stream()
			.filter(type::isInstance)
			.map(type::cast)
			.filter((c) -> c.getStream().equals(stream))
			.findFirst()
			.orElseThrow();
	}

	static class Work {

		final Queue<String> forwarded = new ConcurrentLinkedQueue<>();

		private final StreamTemplate template;

		private final String prefix;

		Work(StreamTemplate template, String prefix) {
			this.template = template;
			this.prefix = prefix;
		}

		@StreamListener(id = "forwarding", streams = "${obs.prefix}in")
		void forward(String payload) {
			this.template.send(this.prefix + "out", payload.toUpperCase(java.util.Locale.ROOT));
		}

		@StreamListener(id = "collecting", streams = "${obs.prefix}out")
		void collect(String payload) {
			this.forwarded.add(payload);
		}

		@StreamListener(id = "replying", streams = "${obs.prefix}ask")
		@SendTo("${obs.prefix}answer")
		@Nullable String reply(String payload) {
			return payload.isEmpty() ? null : payload.toUpperCase(java.util.Locale.ROOT);
		}

		@StreamListener(id = "replying-later", streams = "${obs.prefix}ask-later")
		@SendTo("${obs.prefix}answer-later")
		CompletableFuture<String> replyLater(String payload) {
			return CompletableFuture.supplyAsync(() -> payload.toUpperCase(java.util.Locale.ROOT));
		}

		@StreamListener(id = "replying-failing", streams = "${obs.prefix}ask-failing")
		@SendTo("${obs.prefix}answer-failing")
		CompletableFuture<String> replyFailing(String payload) {
			return CompletableFuture.failedFuture(new IllegalStateException("no answer to " + payload));
		}

		@StreamListener(id = "failing", streams = "${obs.prefix}bad")
		void fail(String payload) {
			throw new IllegalStateException(payload);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		TestObservationRegistry observationRegistry() {
			TestObservationRegistry registry = TestObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new FakePropagation())
				.observationHandler(new ObservationHandler<>() {

					@Override
					public void onStop(Observation.Context context) {
						STOPPED.add(context);
					}

					@Override
					public boolean supportsContext(Observation.Context context) {
						return true;
					}

				});
			return registry;
		}

		@Bean
		Work work(StreamTemplate template, @Value("${obs.prefix}") String prefix) {
			return new Work(template, prefix);
		}

	}

}
