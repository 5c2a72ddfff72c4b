package io.github.seastreamer.spring.actuate.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ListenerContainer;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * The {@code seastreamer} health contributor: {@code streamers} (one
 * {@link StreamerHealthIndicator} per configured streamer) and {@code listeners} (one
 * {@link ListenerHealthIndicator} per registered listener, looked up on every call so
 * that listeners registered later appear).
 * <p>
 * Thread-safe.
 */
public class SeaStreamerHealthContributor implements CompositeHealthContributor {

	private final Map<String, HealthContributor> children = new LinkedHashMap<>();

	/**
	 * Create the contributor.
	 * @param streamers the streamers
	 * @param registry the listener registry, if any
	 * @param timeout the longest a streamer probe may take
	 */
	public SeaStreamerHealthContributor(Streamers streamers, @Nullable StreamListenerEndpointRegistry registry,
			Duration timeout) {
		Map<String, HealthContributor> byStreamer = new LinkedHashMap<>();
		streamers.asMap()
			.forEach((name, streamer) -> byStreamer.put(name, new StreamerHealthIndicator(streamer, timeout)));
		this.children.put("streamers", CompositeHealthContributor.fromMap(byStreamer));
		if (registry != null) {
			this.children.put("listeners", new Listeners(registry));
		}
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.children.get(name);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.children.entrySet().stream().map((e) -> new HealthContributors.Entry(e.getKey(), e.getValue()));
	}

	private static final class Listeners implements CompositeHealthContributor {

		private final StreamListenerEndpointRegistry registry;

		Listeners(StreamListenerEndpointRegistry registry) {
			this.registry = registry;
		}

		@Override
		public @Nullable HealthContributor getContributor(String name) {
			return this.registry.getListenerContainer(name).map(ListenerHealthIndicator::new).orElse(null);
		}

		@Override
		public Stream<HealthContributors.Entry> stream() {
			return this.registry.getListenerContainers()
				.stream()
				.map((ListenerContainer c) -> new HealthContributors.Entry(c.id(), new ListenerHealthIndicator(c)));
		}

	}

}
