package io.github.seastreamer.spring.annotation;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link StreamListener} gets for the attributes it leaves out (the
 * auto-configuration fills it from {@code seastreamer.consumer.*} and
 * {@code seastreamer.listener.*}).
 *
 * @param mode the consumer mode
 * @param group the consumer group of resumable and load-balanced listeners, or
 * {@code null}
 * @param streamReset where to start without a committed position
 * @param concurrency handler invocations at once
 * @param ordered whether messages of one stream and shard stay in order
 * @param maxInFlight the most messages taken and not completed
 * @param autoStartup whether listeners start with the context
 */
public record StreamListenerDefaults(ConsumerMode mode, @Nullable String group, StreamReset streamReset,
		int concurrency, boolean ordered, int maxInFlight, boolean autoStartup) {

	/**
	 * The defaults without configuration: real-time, no group, latest, one at a time,
	 * ordered, 256 in flight, auto-startup.
	 * @return the defaults
	 */
	public static StreamListenerDefaults standard() {
		return new StreamListenerDefaults(ConsumerMode.REAL_TIME, null, StreamReset.LATEST, 1, true, 256, true);
	}

}
