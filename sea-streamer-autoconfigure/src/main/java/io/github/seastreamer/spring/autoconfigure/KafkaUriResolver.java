package io.github.seastreamer.spring.autoconfigure;

import java.util.List;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spring.core.HostlessUriResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

/**
 * Resolves {@code kafka://} without a host from Spring Boot's
 * {@link KafkaConnectionDetails}: the bootstrap servers of the consumer configuration.
 * Boot's settings are read, never changed.
 */
final class KafkaUriResolver implements HostlessUriResolver {

	private final ObjectProvider<KafkaConnectionDetails> details;

	KafkaUriResolver(ObjectProvider<KafkaConnectionDetails> details) {
		this.details = details;
	}

	@Override
	public @Nullable StreamerUri resolve(String scheme, ConnectOptions.Builder options) {
		if (!scheme.equals("kafka")) {
			return null;
		}
		KafkaConnectionDetails connection = this.details.getIfAvailable();
		if (connection == null) {
			return null;
		}
		List<String> servers = connection.getConsumer().getBootstrapServers();
		if (servers.isEmpty()) {
			servers = connection.getBootstrapServers();
		}
		if (servers.isEmpty()) {
			return null;
		}
		return StreamerUri.parse("kafka://" + String.join(",", servers));
	}

}
