package io.github.seastreamer.spring.core;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.StreamerUri;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the address for a host-less URI such as {@code redis://} or {@code kafka://},
 * typically from Spring Boot's own connection details, so {@code spring.data.redis.*},
 * {@code spring.kafka.*} and {@code @ServiceConnection} containers are honoured.
 * <p>
 * Called on the thread that creates the streamer beans; must not block.
 */
@FunctionalInterface
public interface HostlessUriResolver {

	/**
	 * Resolve a host-less URI of the given scheme.
	 * @param scheme the scheme, such as {@code redis}
	 * @param options the connect options, to which credentials may be added
	 * @return the URI with an address, or {@code null} if this resolver does not serve
	 * the scheme
	 */
	@Nullable StreamerUri resolve(String scheme, ConnectOptions.Builder options);

}
