package io.github.seastreamer.kafka;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring application's factories (here with String serializers and a group id, as
 * Spring Boot would build from {@code spring.kafka.*}) configure the streamer without
 * being changed.
 */
class KafkaSpringFactoriesIntegrationTests {

	@Test
	void streamerFromSpringFactoriesUsesTheirConfigurationWithByteArraysAndLeavesThemUnchanged() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("spring", 1);
		Map<String, Object> producerConfig = Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers(),
				"key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class);
		Map<String, Object> consumerConfig = Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers(),
				"key.deserializer", StringDeserializer.class, "value.deserializer", StringDeserializer.class,
				"group.id", "app-group");
		DefaultKafkaProducerFactory<String, String> producerFactory = new DefaultKafkaProducerFactory<>(producerConfig);
		DefaultKafkaConsumerFactory<String, String> consumerFactory = new DefaultKafkaConsumerFactory<>(consumerConfig);
		try (KafkaStreamer streamer = KafkaStreamer.fromFactories(producerFactory, consumerFactory,
				Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers()), ConnectOptions.defaults());
				Consumer consumer = streamer.createConsumer(topic,
						ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			streamer.createProducer(topic).send(new byte[] { (byte) 0xfe, 0 }).get(20, TimeUnit.SECONDS);
			assertThat(KafkaTestSupport.next(consumer).payloadBytes()).containsExactly(0xfe, 0);
		}
		assertThat(producerFactory.getConfigurationProperties()).isEqualTo(producerConfig);
		assertThat(consumerFactory.getConfigurationProperties()).isEqualTo(consumerConfig);
	}

}
