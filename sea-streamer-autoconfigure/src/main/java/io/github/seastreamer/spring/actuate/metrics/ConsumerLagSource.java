package io.github.seastreamer.spring.actuate.metrics;

import java.util.Map;

/**
 * The last known consumer lag of listeners, for readers that should not depend on
 * Micrometer (the actuator endpoint).
 * <p>
 * Implementations are thread-safe and never block.
 */
@FunctionalInterface
public interface ConsumerLagSource {

	/**
	 * The last known lag for each stream of a listener.
	 * @param listenerId the listener id
	 * @return the lag by stream name; empty when unknown
	 */
	Map<String, Long> lag(String listenerId);

}
