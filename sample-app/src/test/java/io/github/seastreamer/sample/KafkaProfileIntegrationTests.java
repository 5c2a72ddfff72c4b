package io.github.seastreamer.sample;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with {@code --spring.profiles.active=kafka} on spring-kafka-test's embedded
 * KRaft broker: only the port is overridden ({@code kafka.port}), the URI is the
 * profile's own.
 */
@ActiveProfiles("kafka")
class KafkaProfileIntegrationTests extends AbstractSampleApplicationTests {

	static EmbeddedKafkaKraftBroker broker;

	@Value("${seastreamer.uri}")
	String uri;

	@BeforeAll
	static void startBroker() {
		// topics created up front so that the real-time listeners see the very first
		// trades
		broker = new EmbeddedKafkaKraftBroker(1, 1, TradeGenerator.STREAM, CandleAggregator.STREAM);
		broker.afterPropertiesSet();
		// destroyed when the JVM exits: the application context (closed by Spring after
		// this class) must still reach the broker while it stops its listeners and
		// producers
		EmbeddedKafkaKraftBroker started = broker;
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "kafka-broker-stop"));
	}

	@DynamicPropertySource
	static void kafkaPort(DynamicPropertyRegistry registry) {
		registry.add("kafka.port", () -> port(broker.getBrokersAsString()));
	}

	static int port(String brokers) {
		String first = brokers.split(",")[0];
		return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
	}

	@Test
	void profileUriPointsAtTheLocalBroker() {
		assertThat(this.uri).isEqualTo("kafka://127.0.0.1:" + port(broker.getBrokersAsString()));
		assertThat(http().json("/candles").path("backend").asString()).isEqualTo(this.uri);
	}

}
