package io.github.seastreamer.spring.actuate.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ContainerState;
import io.github.seastreamer.spring.listener.ListenerContainer;
import io.github.seastreamer.spring.listener.ListenerObserver;
import io.github.seastreamer.spring.retry.ListenerOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the listener containers, fed by their {@link ListenerObserver}
 * hooks: {@code seastreamer.messages.received} (counter per listener and stream),
 * {@code seastreamer.listener} (timer per listener and outcome: {@code success},
 * {@code retried}, {@code dead-lettered}, {@code failed}, {@code filtered}),
 * {@code seastreamer.listener.errors} (counter of messages that did not end in success),
 * {@code seastreamer.commits} (counter of committed messages) and
 * {@code seastreamer.listener.in-flight} (gauge).
 * <p>
 * Tags are bounded: {@code listener}, {@code streamer} (its configured name),
 * {@code backend} (the URI scheme, never the URI), {@code stream}, {@code outcome}.
 * Thread-safe; observer methods are cheap map look-ups and never throw; the meters are
 * removed from the registry on {@link #close()}. Hooks called before
 * {@link #bindTo(MeterRegistry)} are ignored.
 */
public class SeaStreamerListenerMetrics implements ListenerObserver, MeterBinder, AutoCloseable {

	private final Streamers streamers;

	private final @Nullable ListenerOutcomes outcomes;

	private final Map<MeterKey, Meter> meters = new ConcurrentHashMap<>();

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Create the metrics.
	 * @param streamers the streamers (for the backend tag)
	 * @param outcomes the finer outcomes recorded by retries and dead-letter streams, if
	 * any
	 */
	public SeaStreamerListenerMetrics(Streamers streamers, @Nullable ListenerOutcomes outcomes) {
		this.streamers = streamers;
		this.outcomes = outcomes;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onReceived(ListenerContainer container, MessageHeader header) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		MeterKey key = new MeterKey("received", container.id(), header.streamKey().name());
		Counter counter = (Counter) this.meters.computeIfAbsent(key,
				(k) -> Counter.builder("seastreamer.messages.received")
					.description("Messages taken from the consumer by a listener")
					.tags(tags(container).and("stream", k.detail()))
					.register(registry));
		counter.increment();
		gaugeInFlight(registry, container);
	}

	@Override
	public void onCompleted(ListenerContainer container, MessageHeader header, Outcome outcome, Duration duration) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		String marked = (this.outcomes != null) ? this.outcomes.take(container.id(), header) : null;
		String tag = (marked != null) ? marked : switch (outcome) {
			case SUCCESS -> "success";
			case FILTERED -> "filtered";
			case ERROR_HANDLED, FAILED -> "failed";
		};
		Timer timer = (Timer) this.meters.computeIfAbsent(new MeterKey("listener", container.id(), tag),
				(k) -> Timer.builder("seastreamer.listener")
					.description("Handling of a message by a listener, by outcome")
					.tags(tags(container).and("outcome", k.detail()))
					.register(registry));
		timer.record(duration);
		if (!"success".equals(tag) && !"retried".equals(tag) && !"filtered".equals(tag)) {
			Counter errors = (Counter) this.meters.computeIfAbsent(new MeterKey("errors", container.id(), ""),
					(k) -> Counter.builder("seastreamer.listener.errors")
						.description("Messages whose handling did not succeed")
						.tags(tags(container))
						.register(registry));
			errors.increment();
		}
	}

	@Override
	public void onCommitted(ListenerContainer container, List<MessageHeader> headers) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		Counter commits = (Counter) this.meters.computeIfAbsent(new MeterKey("commits", container.id(), ""),
				(k) -> Counter.builder("seastreamer.commits")
					.description("Messages committed by a listener")
					.tags(tags(container))
					.register(registry));
		commits.increment(headers.size());
	}

	@Override
	public void onStateChange(ListenerContainer container, ContainerState from, ContainerState to) {
		MeterRegistry registry = this.registry;
		if (registry != null && to == ContainerState.RUNNING) {
			gaugeInFlight(registry, container);
		}
		if (this.outcomes != null && (to == ContainerState.STOPPED || to == ContainerState.FAILED)) {
			this.outcomes.forget(container.id());
		}
	}

	private void gaugeInFlight(MeterRegistry registry, ListenerContainer container) {
		if (this.gauged.add(container.id())) {
			Gauge gauge = Gauge.builder("seastreamer.listener.in-flight", container, ListenerContainer::inFlight)
				.description("Messages taken by a listener and not yet completed")
				.tags(tags(container))
				.register(registry);
			this.meters.put(new MeterKey("in-flight", container.id(), ""), gauge);
		}
	}

	private Tags tags(ListenerContainer container) {
		String streamer = container.streamerName().isEmpty() ? Streamers.DEFAULT : container.streamerName();
		String backend = "unknown";
		if (this.streamers.contains(streamer)) {
			backend = this.streamers.get(streamer).uri().protocol().orElse("unknown");
		}
		return Tags.of("listener", container.id(), "streamer", streamer, "backend", backend);
	}

	/**
	 * Remove every meter from the registry.
	 */
	@Override
	public void close() {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			this.meters.values().forEach(registry::remove);
		}
		this.meters.clear();
		this.gauged.clear();
	}

	private record MeterKey(String kind, String listener, String detail) {
	}

}
