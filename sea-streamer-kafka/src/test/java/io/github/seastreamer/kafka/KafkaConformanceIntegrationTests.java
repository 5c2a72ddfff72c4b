package io.github.seastreamer.kafka;

import java.time.Duration;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.conformance.StreamerConformanceTests;

/**
 * The backend conformance suite on the embedded KRaft broker, with topics of 3 partitions
 * created by the streamer (so ordering is checked per partition and load-balanced groups
 * really split partitions).
 */
class KafkaConformanceIntegrationTests extends StreamerConformanceTests {

	@Override
	protected Streamer connect() {
		ConnectOptions options = ConnectOptions.builder()
			.with(KafkaConnectOptions.builder().autoCreateTopics(3, 1).build())
			.build();
		return KafkaStreamer.connect(StreamerUri.parse(KafkaTestBroker.url()), options);
	}

	@Override
	protected ConsumerOptions.Builder consumerOptions(ConsumerMode mode) {
		return ConsumerOptions.builder()
			.mode(mode)
			.with(KafkaConsumerOptions.builder().sessionTimeout(Duration.ofSeconds(10)).build());
	}

	@Override
	protected Duration timeout() {
		return Duration.ofSeconds(30);
	}

}
