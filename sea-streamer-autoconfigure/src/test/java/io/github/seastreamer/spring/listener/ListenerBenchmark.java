package io.github.seastreamer.spring.listener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.core.Streamers;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Benchmark (not a test): a {@code @StreamListener} counting messages against a plain
 * {@code Consumer.next()} loop on the same backend and stream in the same run, and on
 * Kafka also against spring-kafka's {@code @KafkaListener} in record mode on the same
 * broker and topic.
 * <p>
 * Run after {@code ./mvnw -B -o -q test-compile -pl sea-streamer-autoconfigure}: <pre>
 * cd sea-streamer-autoconfigure
 * ../mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.github.seastreamer.spring.listener.ListenerBenchmark [mem|file|redis|kafka ...] [count] [size]
 * </pre> Redis and Kafka run in processes of their own when
 * {@code -Dbench.redis=redis://127.0.0.1:PORT} and {@code -Dbench.kafka=127.0.0.1:PORT}
 * name them (otherwise a redis-server started here and an in-JVM broker, which shares
 * this JVM's processors). Each contender reads the same pre-filled stream from the
 * beginning with a fresh consumer, on a streamer of an application context made for it
 * (connected, not used before); the time runs from creating the consumer (or starting the
 * listener container) to the last message counted, after a garbage collection. For
 * published figures, run one backend per JVM (as {@code scripts/bench-all.sh} does): in
 * one JVM, the backends measured first shape the compiled code of those measured later.
 * After one warm-up round, each is measured four times, alternating, in the reverse order
 * every other round (so that none always runs first), and the best time is kept; only
 * ratios within one run are meaningful on a shared machine. Bounded: at most
 * {@code count} messages per stream, 2 minutes per measurement, local servers only.
 */
public final class ListenerBenchmark {

	private static final Duration LIMIT = Duration.ofMinutes(2);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);

	private ListenerBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args backends (default all four), then the message count (default 100000)
	 * and the payload size (default 256)
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		List<String> backends = new ArrayList<>();
		int count = 100_000;
		int size = 256;
		List<Integer> numbers = new ArrayList<>();
		for (String arg : args) {
			if (arg.chars().allMatch(Character::isDigit)) {
				numbers.add(Integer.parseInt(arg));
			}
			else {
				backends.add(arg);
			}
		}
		if (!numbers.isEmpty()) {
			count = Math.min(numbers.get(0), 1_000_000);
		}
		if (numbers.size() > 1) {
			size = Math.min(numbers.get(1), 1 << 20);
		}
		if (backends.isEmpty()) {
			backends = List.of("mem", "file", "redis", "kafka");
		}
		System.out.printf(Locale.ROOT, "messages=%d payload=%dB rounds=%d (best kept)%n", count, size, ROUNDS);
		for (String backend : backends) {
			run(backend, count, size);
		}
		System.exit(0);
	}

	private static void run(String backend, int count, int size) throws Exception {
		Path fileDir = backend.equals("file") ? Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-")
				: null;
		try {
			run(backend, count, size, fileDir);
		}
		finally {
			if (fileDir != null) {
				// the stream file of a run is about 30 MB per 100 000 messages
				try (var files = Files.walk(fileDir)) {
					files.sorted(java.util.Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
				}
			}
		}
	}

	private static void run(String backend, int count, int size, @Nullable Path fileDir) throws Exception {
		String uri = switch (backend) {
			case "mem" -> "mem://bench-" + UUID.randomUUID();
			case "file" -> "file://" + java.util.Objects.requireNonNull(fileDir).resolve("bench.ss");
			case "redis" -> (System.getProperty("bench.redis") != null) ? System.getProperty("bench.redis")
					: LocalRedisServer.start().uri();
			case "kafka" -> "kafka://" + ((System.getProperty("bench.kafka") != null)
					? System.getProperty("bench.kafka") : EmbeddedKafka.bootstrapServers());
			default -> throw new IllegalArgumentException("unknown backend " + backend);
		};
		String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		long plainBest = Long.MAX_VALUE;
		long listenerBest = Long.MAX_VALUE;
		long meteredBest = Long.MAX_VALUE;
		long kafkaListenerBest = Long.MAX_VALUE;
		try (ConfigurableApplicationContext filler = app(uri, topic, false).run()) {
			Streamer streamer = filler.getBean(Streamers.class).getDefault();
			fill(streamer, StreamKey.of(topic), count, size);
			// round 0 warms up the JIT and is not counted; then the contenders alternate,
			// in the reverse order every other round, so that none is always measured
			// first (or last)
			List<Callable<Long>> contenders = new ArrayList<>();
			contenders.add(() -> plainLoop(uri, topic, count));
			contenders.add(() -> streamListener(uri, topic, count, false));
			contenders.add(() -> streamListener(uri, topic, count, true));
			if (backend.equals("kafka")) {
				contenders.add(() -> kafkaListener(uri, topic, count));
			}
			for (int round = 0; round <= ROUNDS; round++) {
				long[] nanos = { Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE };
				for (int i = 0; i < contenders.size(); i++) {
					int which = (round % 2 == 0) ? contenders.size() - 1 - i : i;
					nanos[which] = contenders.get(which).call();
				}
				long plain = nanos[0];
				long listener = nanos[1];
				long metered = nanos[2];
				long kafka = nanos[3];
				if (round > 0) {
					plainBest = Math.min(plainBest, plain);
					listenerBest = Math.min(listenerBest, listener);
					meteredBest = Math.min(meteredBest, metered);
					kafkaListenerBest = Math.min(kafkaListenerBest, kafka);
				}
			}
		}
		System.out.printf(Locale.ROOT, "%-6s plain loop %8.0f msg/s | @StreamListener %8.0f msg/s | ratio %.2f%n",
				backend, rate(count, plainBest), rate(count, listenerBest), (double) plainBest / listenerBest);
		System.out.printf(Locale.ROOT,
				"%-6s plain loop %8.0f msg/s | @StreamListener+metrics %8.0f msg/s | ratio %.2f%n", backend,
				rate(count, plainBest), rate(count, meteredBest), (double) plainBest / meteredBest);
		if (backend.equals("kafka")) {
			// spring-kafka times every record with Micrometer when a registry exists, as
			// the metered listener does: compared on equal terms
			System.out.printf(Locale.ROOT,
					"%-6s @KafkaListener (record) %8.0f msg/s | @StreamListener+metrics %8.0f msg/s | ratio %.2f%n",
					backend, rate(count, kafkaListenerBest), rate(count, meteredBest),
					(double) kafkaListenerBest / meteredBest);
		}
	}

	/**
	 * Before each timed contender: collect the garbage of the contexts made and closed so
	 * far, so that no contender is timed through a collection of another's garbage.
	 */
	private static void settle() {
		System.gc();
	}

	private static double rate(int count, long nanos) {
		return count / (nanos / 1e9);
	}

	private static void fill(Streamer streamer, StreamKey key, int count, int size) {
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		byte[] payload = new byte[size];
		for (int i = 0; i < count; i++) {
			producer.sendTo(key, payload);
		}
		producer.flush().orTimeout(LIMIT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/**
	 * The consumer options the {@code @StreamListener} container uses (its endpoint's
	 * options after every customizer, so backend sections such as
	 * {@code seastreamer.kafka.*} apply), so that the plain loop reads with exactly the
	 * same options and is not handicapped.
	 */
	private static ConsumerOptions listenerOptions(ConfigurableApplicationContext context) {
		ListenerContainer container = context.getBean(StreamListenerEndpointRegistry.class)
			.getListenerContainer("bench")
			.orElseThrow();
		return ((DefaultListenerContainer) container).consumerOptions();
	}

	/**
	 * The plain loop, on a streamer of a context of its own made for the round, as each
	 * listener runs on one: both start from a connected streamer that has not consumed
	 * yet (a streamer used before has its connections and threads up already, which a new
	 * one opens on its first consumer, inside the time).
	 */
	private static long plainLoop(String uri, String topic, int count) throws Exception {
		try (ConfigurableApplicationContext context = app(uri, topic, false).run()) {
			Streamer streamer = context.getBean(Streamers.class).getDefault();
			return plainLoop(streamer, StreamKey.of(topic), count, listenerOptions(context));
		}
	}

	private static long plainLoop(Streamer streamer, StreamKey key, int count, ConsumerOptions options)
			throws Exception {
		settle();
		long start = System.nanoTime();
		long deadline = start + LIMIT.toNanos();
		long bytes = 0;
		long elapsed;
		try (Consumer consumer = streamer.createConsumer(key, options)) {
			for (int i = 0; i < count; i++) {
				// the same work as the listener: the payload as byte[]; get(timeout)
				// rather
				// than orTimeout(), which would schedule a timer task per message
				bytes += consumer.next()
					.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
					.payloadBytes().length;
			}
			// timed to the last message, like the listeners: closing (a Kafka consumer
			// takes about half a second) is not counted
			elapsed = System.nanoTime() - start;
		}
		if (bytes < 0) {
			throw new IllegalStateException();
		}
		return elapsed;
	}

	private static long streamListener(String uri, String topic, int count, boolean metrics)
			throws InterruptedException {
		Counter counter = new Counter(count);
		SpringApplicationBuilder builder = app(uri, topic, false);
		if (!metrics) {
			// as in an application without the actuator: no listener metrics
			builder.properties("spring.autoconfigure.exclude="
					+ "io.github.seastreamer.spring.actuate.autoconfigure.SeaStreamerOperationsAutoConfiguration");
		}
		try (ConfigurableApplicationContext context = builder
			.initializers((c) -> c.getBeanFactory().registerSingleton("counter", counter))
			.run()) {
			ListenerContainer container = context.getBean(StreamListenerEndpointRegistry.class)
				.getListenerContainer("bench")
				.orElseThrow();
			settle();
			long start = System.nanoTime();
			container.start();
			await(counter, "@StreamListener");
			return counter.doneAt - start;
		}
	}

	private static long kafkaListener(String uri, String topic, int count) throws InterruptedException {
		Counter counter = new Counter(count);
		try (ConfigurableApplicationContext context = app(uri, topic, true)
			.initializers((c) -> c.getBeanFactory().registerSingleton("counter", counter))
			.run()) {
			KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);
			settle();
			long start = System.nanoTime();
			registry.getListenerContainer("kafkaBench").start();
			await(counter, "@KafkaListener");
			long elapsed = counter.doneAt - start;
			// the comparison with the metered listener holds only if spring-kafka timed
			// the records too
			// (the last record is timed just after the method returned: wait a moment)
			long timed = 0;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (timed < count && System.nanoTime() < deadline) {
				timed = context.getBeansOfType(io.micrometer.core.instrument.MeterRegistry.class)
					.values()
					.stream()
					.flatMap((r) -> r.find("spring.kafka.listener").timers().stream())
					.mapToLong(io.micrometer.core.instrument.Timer::count)
					.sum();
				java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
			if (timed < count) {
				throw new IllegalStateException("@KafkaListener timed " + timed + " of " + count
						+ " records with Micrometer: the comparison would not be on equal terms");
			}
			return elapsed;
		}
	}

	private static void await(Counter counter, String what) throws InterruptedException {
		if (!counter.latch.await(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException(what + " counted " + (counter.expected - counter.latch.getCount()) + " of "
					+ counter.expected + " within " + LIMIT);
		}
	}

	private static SpringApplicationBuilder app(String uri, String topic, boolean kafkaListener) {
		List<String> properties = new ArrayList<>(List.of("seastreamer.uri=" + uri, "bench.topic=" + topic,
				"bench.group=bench-" + UUID.randomUUID(), "seastreamer.listener.max-in-flight=1024",
				"seastreamer.kafka.auto-create-topic-partitions=1", "logging.level.root=WARN"));
		if (kafkaListener) {
			properties.add("spring.kafka.bootstrap-servers=" + uri.substring("kafka://".length()));
			properties.add("spring.kafka.consumer.auto-offset-reset=earliest");
			properties.add("spring.kafka.consumer.key-deserializer="
					+ "org.apache.kafka.common.serialization.ByteArrayDeserializer");
			properties.add("spring.kafka.consumer.value-deserializer="
					+ "org.apache.kafka.common.serialization.ByteArrayDeserializer");
			properties.add("spring.kafka.listener.type=single");
			// like the real-time consumer it is compared with: no per-poll synchronous
			// offset commit (the container commits nothing when the client auto-commits)
			properties.add("spring.kafka.consumer.enable-auto-commit=true");
		}
		return new SpringApplicationBuilder(kafkaListener ? KafkaBenchApp.class : BenchApp.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties.toArray(String[]::new));
	}

	static final class Counter {

		final int expected;

		final CountDownLatch latch;

		/**
		 * When the last message was counted: the time is taken there, as the plain loop
		 * takes it at its last message, not when the waiting thread wakes up.
		 */
		volatile long doneAt;

		Counter(int expected) {
			this.expected = expected;
			this.latch = new CountDownLatch(expected);
		}

		void count() {
			if (this.latch.getCount() == 1) {
				// the last one (handlers of one partition run one at a time); written
				// before the count reaches zero, so the waiting thread sees it
				this.doneAt = System.nanoTime();
			}
			this.latch.countDown();
		}

	}

	static class CountingListener {

		private final Counter counter;

		CountingListener(Counter counter) {
			this.counter = counter;
		}

		@StreamListener(id = "bench", streams = "${bench.topic}", reset = StreamReset.EARLIEST, autoStartup = "false")
		void count(byte[] payload) {
			this.counter.count();
		}

	}

	static class CountingKafkaListener {

		private final Counter counter;

		CountingKafkaListener(Counter counter) {
			this.counter = counter;
		}

		// assigned like the real-time consumer (no group join); from the first offset
		@KafkaListener(id = "kafkaBench", groupId = "${bench.group}", autoStartup = "false",
				topicPartitions = @TopicPartition(topic = "${bench.topic}",
						partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "0")))
		void count(byte[] payload) {
			this.counter.count();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BenchApp {

		@Bean
		CountingListener countingListener(org.springframework.beans.factory.ObjectProvider<Counter> counter) {
			return new CountingListener(counter.getIfAvailable(() -> new Counter(0)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class KafkaBenchApp {

		@Bean
		CountingKafkaListener countingKafkaListener(org.springframework.beans.factory.ObjectProvider<Counter> counter) {
			return new CountingKafkaListener(counter.getIfAvailable(() -> new Counter(0)));
		}

	}

}
