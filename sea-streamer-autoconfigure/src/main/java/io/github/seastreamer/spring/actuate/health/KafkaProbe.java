package io.github.seastreamer.spring.actuate.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spring.actuate.support.KafkaAdmins;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.boot.health.contributor.Health;

/**
 * Describes a Kafka cluster with a short-lived admin client; loaded only when
 * kafka-clients is on the class path.
 */
final class KafkaProbe {

	private KafkaProbe() {
	}

	static Health.Builder describe(StreamerUri uri, Duration timeout) throws Exception {
		int millis = KafkaAdmins.millis(timeout);
		try (Admin admin = KafkaAdmins.create(uri, millis, "seastreamer-health")) {
			DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
			String clusterId = result.clusterId().get(millis, TimeUnit.MILLISECONDS);
			int nodes = result.nodes().get(millis, TimeUnit.MILLISECONDS).size();
			return Health.up().withDetail("clusterId", String.valueOf(clusterId)).withDetail("nodes", nodes);
		}
	}

}
