package io.github.seastreamer.spring.actuate.support;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.seastreamer.StreamerNode;
import io.github.seastreamer.StreamerUri;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Short-lived Kafka admin clients for the actuator's probes (health, lag, moving a
 * group), addressed by a streamer's URI, with one timeout for requests and API calls.
 * <p>
 * Only used where {@code kafka-clients} is on the class path. Each call creates a client
 * the caller closes; creating one does not block on the network.
 */
public final class KafkaAdmins {

	private KafkaAdmins() {
	}

	/**
	 * The timeout of each admin call, in milliseconds (at least 1).
	 * @param timeout the timeout
	 * @return it in milliseconds
	 */
	public static int millis(Duration timeout) {
		return (int) Math.max(1, timeout.toMillis());
	}

	/**
	 * Create an admin client for the brokers of a {@code kafka://} URI.
	 * @param uri the streamer's URI (host defaults to {@code localhost}, port to 9092)
	 * @param timeoutMillis the request and API timeout
	 * @param clientId the client id, naming what the client is for
	 * @return the client, to be closed by the caller
	 */
	public static Admin create(StreamerUri uri, int timeoutMillis, String clientId) {
		String bootstrap = uri.nodes()
			.stream()
			.map((StreamerNode node) -> node.host().orElse("localhost") + ":" + node.port().orElse(9092))
			.collect(Collectors.joining(","));
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis, AdminClientConfig.CLIENT_ID_CONFIG,
				clientId);
		return Admin.create(config);
	}

}
