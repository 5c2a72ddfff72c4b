package io.github.seastreamer.spring.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.file.FileConnectOptions;
import io.github.seastreamer.file.FileConsumerOptions;
import io.github.seastreamer.kafka.KafkaConnectOptions;
import io.github.seastreamer.kafka.KafkaConsumerOptions;
import io.github.seastreamer.kafka.KafkaProducerOptions;
import io.github.seastreamer.redis.AutoCommit;
import io.github.seastreamer.redis.RedisConnectOptions;
import io.github.seastreamer.redis.RedisConsumerOptions;
import io.github.seastreamer.spring.core.ConnectOptionsCustomizer;
import io.github.seastreamer.spring.core.ConsumerOptionsCustomizer;
import io.github.seastreamer.spring.core.ProducerOptionsCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackendOptionsConfigurations}: {@code seastreamer.file|redis|kafka.*}
 * reach the backends' typed options.
 */
class BackendOptionsConfigurationsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeaStreamerAutoConfiguration.class))
		.withPropertyValues("seastreamer.uri=mem://backend-options-" + UUID.randomUUID());

	@Test
	void fileSectionMapsToFileOptions() {
		this.contextRunner
			.withPropertyValues("seastreamer.file.create-file=never", "seastreamer.file.end-with-eos=true",
					"seastreamer.file.beacon-interval=2048", "seastreamer.file.file-size-limit=10MB",
					"seastreamer.file.live-streaming=false")
			.run((context) -> {
				FileConnectOptions file = connect(context).extension(FileConnectOptions.class).orElseThrow();
				assertThat(file.createFile()).isEqualTo(FileConnectOptions.CreateFile.NEVER);
				assertThat(file.endWithEos()).isTrue();
				assertThat(file.beaconInterval()).isEqualTo(2048);
				assertThat(file.fileSizeLimit()).isEqualTo(10L * 1024 * 1024);
				assertThat(consumer(context).extension(FileConsumerOptions.class).orElseThrow().liveStreaming())
					.isFalse();
			});
	}

	@Test
	void fileIsCreatedWhenMissingByDefault() {
		this.contextRunner.run(
				(context) -> assertThat(connect(context).extension(FileConnectOptions.class).orElseThrow().createFile())
					.isEqualTo(FileConnectOptions.CreateFile.CREATE_IF_NOT_EXISTS));
	}

	@Test
	void redisSectionMapsToRedisOptionsAndListenersDoNotAutoCommitByDefault() {
		this.contextRunner
			.withPropertyValues("seastreamer.redis.username=app", "seastreamer.redis.password=pw",
					"seastreamer.redis.database=3", "seastreamer.redis.batch-size=7",
					"seastreamer.redis.auto-claim-idle=2s")
			.run((context) -> {
				RedisConnectOptions redis = connect(context).extension(RedisConnectOptions.class).orElseThrow();
				assertThat(redis.username()).contains("app");
				assertThat(redis.password()).contains("pw");
				assertThat(redis.database()).isEqualTo(3);
				RedisConsumerOptions consumer = consumer(context).extension(RedisConsumerOptions.class).orElseThrow();
				assertThat(consumer.autoCommit()).isEqualTo(AutoCommit.DISABLED);
				assertThat(consumer.autoClaimIdle()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void redisPasswordNeverAppearsInTheOptionsText() {
		this.contextRunner.withPropertyValues("seastreamer.redis.password=t0ps3cret")
			.run((context) -> assertThat(connect(context).toString()).doesNotContain("t0ps3cret"));
	}

	@Test
	void kafkaSectionMapsToKafkaOptions() {
		this.contextRunner
			.withPropertyValues("seastreamer.kafka.properties.client.id=app", "seastreamer.kafka.security-protocol=ssl",
					"seastreamer.kafka.auto-create-topic-partitions=3",
					"seastreamer.kafka.consumer-properties.max.poll.records=50", "seastreamer.kafka.session-timeout=9s",
					"seastreamer.kafka.compression-type=lz4")
			.run((context) -> {
				KafkaConnectOptions kafka = connect(context).extension(KafkaConnectOptions.class).orElseThrow();
				assertThat(kafka.clientProperties()).containsEntry("client.id", "app");
				assertThat(kafka.securityProtocol()).contains(KafkaConnectOptions.SecurityProtocol.SSL);
				assertThat(kafka.autoCreateTopics()).isTrue();
				assertThat(kafka.topicPartitions()).isEqualTo(3);
				KafkaConsumerOptions consumer = consumer(context).extension(KafkaConsumerOptions.class).orElseThrow();
				assertThat(consumer.clientProperties()).containsEntry("max.poll.records", "50");
				assertThat(consumer.sessionTimeout()).contains(Duration.ofSeconds(9));
				assertThat(producer(context).extension(KafkaProducerOptions.class).orElseThrow().compressionType())
					.contains(KafkaProducerOptions.CompressionType.LZ4);
			});
	}

	@Test
	void invalidKafkaConstantFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("seastreamer.kafka.security-protocol=carrier-pigeon").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("seastreamer.kafka.security-protocol")
				.hasMessageContaining("carrier-pigeon");
		});
	}

	@Test
	void whenBackendsAreAbsentTheirSectionsAreIgnored() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("io.github.seastreamer.redis", "io.github.seastreamer.kafka",
					"io.github.seastreamer.file"))
			.withPropertyValues("seastreamer.redis.password=pw")
			.withBean(io.github.seastreamer.Streamer.class,
					() -> new io.github.seastreamer.mem.MemStreamerProvider().connect(
							StreamerUri.parse("mem://no-backends-" + UUID.randomUUID()), ConnectOptions.defaults()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(ConnectOptionsCustomizer.class)).isEmpty();
				assertThat(context.getBeansOfType(ConsumerOptionsCustomizer.class)).isEmpty();
			});
	}

	private static ConnectOptions connect(AssertableApplicationContext context) {
		ConnectOptions.Builder builder = ConnectOptions.builder();
		context.getBeanProvider(ConnectOptionsCustomizer.class)
			.orderedStream()
			.forEach((c) -> c.customize("default", StreamerUri.parse("mem://x"), builder));
		return builder.build();
	}

	private static ConsumerOptions consumer(AssertableApplicationContext context) {
		ConsumerOptions.Builder builder = ConsumerOptions.builder();
		context.getBeanProvider(ConsumerOptionsCustomizer.class)
			.orderedStream()
			.forEach((c) -> c.customize("listener", "default", builder));
		return builder.build();
	}

	private static ProducerOptions producer(AssertableApplicationContext context) {
		ProducerOptions.Builder builder = ProducerOptions.builder();
		context.getBeanProvider(ProducerOptionsCustomizer.class)
			.orderedStream()
			.forEach((c) -> c.customize("default", builder));
		return builder.build();
	}

}
