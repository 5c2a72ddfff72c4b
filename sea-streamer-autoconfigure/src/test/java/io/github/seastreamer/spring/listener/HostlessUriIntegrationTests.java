package io.github.seastreamer.spring.listener;

import java.time.Duration;
import java.util.UUID;

import io.github.seastreamer.Message;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerAutoConfiguration;
import io.github.seastreamer.spring.test.StreamTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host-less {@code redis://} and {@code kafka://} take their address from Spring Boot's
 * own {@code spring.data.redis.*} and {@code spring.kafka.*} settings, against a real
 * redis-server and the embedded Kafka broker.
 */
class HostlessUriIntegrationTests {

	private static final LocalRedisServer REDIS = LocalRedisServer.start();

	@AfterAll
	static void stopRedis() {
		REDIS.stop();
	}

	@Test
	void hostlessRedisUriUsesSpringDataRedisProperties() {
		String port = REDIS.uri().substring(REDIS.uri().lastIndexOf(':') + 1);
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, SeaStreamerAutoConfiguration.class))
			.withPropertyValues("seastreamer.uri=redis://", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + port)
			.run((context) -> {
				assertThat(context.getBean(Streamer.class).uri().toMaskedUriString())
					.isEqualTo("redis://127.0.0.1:" + port);
				roundTrip(StreamTester.from(context));
			});
	}

	@Test
	void hostlessKafkaUriUsesSpringKafkaProperties() {
		String servers = EmbeddedKafka.bootstrapServers();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SeaStreamerAutoConfiguration.class))
			.withPropertyValues("seastreamer.uri=kafka://", "spring.kafka.bootstrap-servers=" + servers,
					"seastreamer.kafka.auto-create-topic-partitions=1")
			.run((context) -> {
				assertThat(context.getBean(Streamer.class).uri().toMaskedUriString()).isEqualTo("kafka://" + servers);
				roundTrip(StreamTester.from(context));
			});
	}

	private static void roundTrip(StreamTester tester) {
		String stream = "hostless-" + UUID.randomUUID().toString().substring(0, 8);
		tester.send(stream, "ping");
		assertThat(tester.read(stream, 1, Duration.ofSeconds(30))).extracting(Message::payloadAsString)
			.containsExactly("ping");
	}

}
