package io.github.seastreamer.spring.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.StreamerUri;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * Resolves {@code redis://} and {@code rediss://} without a host from Spring Boot's
 * {@link DataRedisConnectionDetails}: the cluster nodes when a cluster is configured,
 * else the standalone host and port. Boot's settings are read, never changed.
 */
final class DataRedisUriResolver implements io.github.seastreamer.spring.core.HostlessUriResolver {

	private final ObjectProvider<DataRedisConnectionDetails> details;

	DataRedisUriResolver(ObjectProvider<DataRedisConnectionDetails> details) {
		this.details = details;
	}

	@Override
	public @Nullable StreamerUri resolve(String scheme, ConnectOptions.Builder options) {
		if (!scheme.equals("redis") && !scheme.equals("rediss")) {
			return null;
		}
		DataRedisConnectionDetails connection = this.details.getIfAvailable();
		if (connection == null) {
			return null;
		}
		String userInfo = userInfo(connection);
		DataRedisConnectionDetails.Cluster cluster = connection.getCluster();
		if (cluster != null && !cluster.getNodes().isEmpty()) {
			List<DataRedisConnectionDetails.Node> nodes = cluster.getNodes();
			return StreamerUri.parse(scheme + "://"
					+ nodes.stream()
						.map((node) -> userInfo + node.host() + ":" + node.port())
						.collect(Collectors.joining(",")));
		}
		DataRedisConnectionDetails.Standalone standalone = connection.getStandalone();
		if (standalone == null) {
			return null;
		}
		String database = (standalone.getDatabase() != 0) ? "/" + standalone.getDatabase() : "";
		return StreamerUri
			.parse(scheme + "://" + userInfo + standalone.getHost() + ":" + standalone.getPort() + database);
	}

	private static String userInfo(DataRedisConnectionDetails connection) {
		String password = connection.getPassword();
		if (password == null || password.isEmpty()) {
			return "";
		}
		String username = connection.getUsername();
		return encode((username != null) ? username : "") + ":" + encode(password) + "@";
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

}
