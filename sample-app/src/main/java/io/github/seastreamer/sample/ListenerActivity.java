package io.github.seastreamer.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spring.listener.ListenerContainer;
import io.github.seastreamer.spring.listener.ListenerObserver;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Measures each listener for the page: its rate (completed messages per second, sampled
 * every second from the container's counters) and its delay (from a message's timestamp
 * to the end of its handling, as seen by a {@link ListenerObserver}).
 * <p>
 * The observer methods run on the containers' threads and only set one atomic value per
 * message; {@link #sample()} runs on the scheduler; {@link #stats()} may be called from
 * any thread.
 */
@Component
class ListenerActivity implements ListenerObserver {

	private final ObjectProvider<StreamListenerEndpointRegistry> registry;

	private final Map<String, AtomicLong> delays = new ConcurrentHashMap<>();

	private final Map<String, Sample> samples = new ConcurrentHashMap<>();

	ListenerActivity(ObjectProvider<StreamListenerEndpointRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void onCompleted(ListenerContainer container, MessageHeader header, Outcome outcome, Duration duration) {
		long delay = System.currentTimeMillis() - header.timestamp().toEpochMilli();
		this.delays.computeIfAbsent(container.id(), (id) -> new AtomicLong()).set(Math.max(delay, 0));
	}

	@Scheduled(fixedRate = 1000)
	void sample() {
		StreamListenerEndpointRegistry current = this.registry.getIfAvailable();
		if (current == null) {
			return;
		}
		long now = System.nanoTime();
		for (ListenerContainer container : current.getListenerContainers()) {
			long completed = container.completed();
			this.samples.compute(container.id(), (id, previous) -> {
				if (previous == null) {
					return new Sample(now, completed, 0.0);
				}
				double seconds = (now - previous.nanos()) / 1e9;
				double rate = (seconds > 0) ? (completed - previous.completed()) / seconds : previous.rate();
				return new Sample(now, completed, rate);
			});
		}
	}

	/**
	 * The current figures of every listener, by id.
	 * @return a snapshot
	 */
	List<ListenerStats> stats() {
		StreamListenerEndpointRegistry current = this.registry.getIfAvailable();
		if (current == null) {
			return List.of();
		}
		List<ListenerStats> stats = new ArrayList<>();
		for (ListenerContainer container : current.getListenerContainers()) {
			Sample sample = this.samples.get(container.id());
			AtomicLong delay = this.delays.get(container.id());
			stats.add(new ListenerStats(container.id(),
					String.join(",", container.streams().stream().map(StreamKey::name).toList()),
					container.state().name(), (sample != null) ? Math.round(sample.rate() * 10.0) / 10.0 : 0.0,
					container.received(), container.completed(), container.inFlight(),
					(delay != null) ? delay.get() : null));
		}
		stats.sort(Comparator.comparing(ListenerStats::id));
		return stats;
	}

	private record Sample(long nanos, long completed, double rate) {
	}

	/**
	 * The figures of one listener.
	 *
	 * @param id the listener id
	 * @param streams the streams it reads, comma-separated
	 * @param state the container state
	 * @param ratePerSecond messages completed per second over the last second
	 * @param received messages taken from the consumer since start
	 * @param completed messages completed since start
	 * @param inFlight messages taken and not yet completed
	 * @param delayMillis time from the last completed message's timestamp to its
	 * completion, or {@code null} before the first one
	 */
	record ListenerStats(String id, String streams, String state, double ratePerSecond, long received, long completed,
			int inFlight, @Nullable Long delayMillis) {
	}

}
