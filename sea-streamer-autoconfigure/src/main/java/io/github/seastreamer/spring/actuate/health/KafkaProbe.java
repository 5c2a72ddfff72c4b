package io.github.seastreamer.spring.actuate.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Streamer;
import io.github.seastreamer.kafka.KafkaStreamer;
import org.springframework.boot.health.contributor.Health;

/**
 * Describes a Kafka cluster through the streamer's own admin client, so that its security
 * settings (SASL, TLS) apply; loaded only when the Kafka backend is on the class path.
 */
final class KafkaProbe {

	private KafkaProbe() {
	}

	static Health.Builder describe(Streamer streamer, Duration timeout) throws Exception {
		if (!(streamer instanceof KafkaStreamer kafka)) {
			return Health.unknown().withDetail("reason", "not a Kafka streamer: " + streamer.getClass().getName());
		}
		KafkaStreamer.ClusterDescription cluster = kafka.describeCluster(timeout)
			.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
		return Health.up().withDetail("clusterId", cluster.clusterId()).withDetail("nodes", cluster.nodes());
	}

}
