package io.github.seastreamer.spring.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.StreamerUri;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.util.ClassUtils;

/**
 * Resolves {@code redis://} and {@code rediss://} without a host from Spring Boot's
 * {@link DataRedisConnectionDetails}: the cluster nodes when a cluster is configured,
 * else the standalone host and port (credentials as the URI's user-info, a database other
 * than 0 as Redis connect options). Boot's settings are read, never changed.
 */
final class DataRedisUriResolver implements io.github.seastreamer.spring.core.HostlessUriResolver {

	private static final String REDIS_OPTIONS = "io.github.seastreamer.redis.RedisConnectOptions";

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
		if (standalone.getDatabase() != 0) {
			if (!ClassUtils.isPresent(REDIS_OPTIONS, getClass().getClassLoader())) {
				return null;
			}
			RedisDatabase.select(options, standalone.getDatabase());
		}
		return StreamerUri.parse(scheme + "://" + userInfo + standalone.getHost() + ":" + standalone.getPort());
	}

	private static String userInfo(DataRedisConnectionDetails connection) {
		String password = connection.getPassword();
		if (password == null || password.isEmpty()) {
			return "";
		}
		String username = connection.getUsername();
		return encode((username != null) ? username : "") + ":" + encode(password) + "@";
	}

	/**
	 * Kept apart so that the Redis backend's classes load only when it is present.
	 */
	private static final class RedisDatabase {

		static void select(ConnectOptions.Builder options, int database) {
			options.with(io.github.seastreamer.redis.RedisConnectOptions.builder().database(database).build());
		}

	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

}
