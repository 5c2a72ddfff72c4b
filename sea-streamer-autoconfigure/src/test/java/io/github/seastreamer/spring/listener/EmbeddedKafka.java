package io.github.seastreamer.spring.listener;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-JVM Kafka broker (KRaft, spring-kafka-test) shared by the tests of a JVM and
 * destroyed when it exits (after Spring has closed its contexts).
 */
final class EmbeddedKafka {

	private static EmbeddedKafkaKraftBroker broker;

	private EmbeddedKafka() {
	}

	/**
	 * The bootstrap servers, starting the broker on first use.
	 * @return {@code host:port}
	 */
	static synchronized String bootstrapServers() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
			started.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions",
					"3", "auto.create.topics.enable", "true"));
			started.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
			broker = started;
		}
		return broker.getBrokersAsString();
	}

}
