package io.github.seastreamer.spring.actuate.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.seastreamer.StreamerNode;
import io.github.seastreamer.StreamerUri;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
		String bootstrap = uri.nodes()
			.stream()
			.map((StreamerNode node) -> node.host().orElse("localhost") + ":" + node.port().orElse(9092))
			.collect(Collectors.joining(","));
		int millis = (int) Math.max(1, timeout.toMillis());
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				millis, AdminClientConfig.CLIENT_ID_CONFIG, "seastreamer-health");
		try (Admin admin = Admin.create(config)) {
			DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
			String clusterId = result.clusterId().get(millis, TimeUnit.MILLISECONDS);
			int nodes = result.nodes().get(millis, TimeUnit.MILLISECONDS).size();
			return Health.up().withDetail("clusterId", String.valueOf(clusterId)).withDetail("nodes", nodes);
		}
	}

}
