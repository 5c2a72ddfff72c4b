package io.github.seastreamer.spring.actuate.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.GroupLagReporter;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.UriMasking;
import io.github.seastreamer.spi.DeliveryExecutor;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters of the listener containers, fed by their {@link ListenerObserver}
 * hooks: {@code seastreamer.messages.received} (counter per listener and stream),
 * {@code seastreamer.messages.sent} (counter per streamer and stream, through an
 * {@link ObservedStreamTemplate}), {@code seastreamer.listener} (timer per listener and
 * outcome: {@code success}, {@code retried}, {@code dead-lettered}, {@code failed},
 * {@code filtered}), {@code seastreamer.listener.errors} (counter of messages that did
 * not end in success), {@code seastreamer.commits} (counter of committed messages) and
 * {@code seastreamer.listener.in-flight} (gauge), and {@code seastreamer.consumer.lag}
 * (gauge per listener and stream, summed over shards, for group modes on backends that
 * can tell, polled every lag interval on a daemon thread, never on a scrape). The lag
 * comes from any streamer that implements {@link GroupLagReporter} (the file backend:
 * last sequence minus committed; {@code mem://}); for Redis and Kafka streamers, which do
 * not, from probes of their own: Redis 7 {@code XINFO GROUPS} lag plus pending, Kafka end
 * offsets minus committed offsets. A group's lag is polled whatever the state of its
 * listener (a stopped listener's group falls behind too).
 * <p>
 * Tags are bounded: {@code listener}, {@code streamer} (its configured name),
 * {@code backend} (the URI scheme, never the URI), {@code stream}, {@code outcome}.
 * Thread-safe; observer methods are cheap map look-ups and never throw. A listener's
 * meters are removed from the registry when it is removed from its registry
 * ({@link #onRemoved}: unregistered, or its registry destroyed with the context), and
 * every meter on {@link #close()}. Hooks called before {@link #bindTo(MeterRegistry)} are
 * ignored.
 */
public class SeaStreamerListenerMetrics
		implements ListenerObserver, SentMessageObserver, MeterBinder, ConsumerLagSource, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SeaStreamerListenerMetrics.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private final Streamers streamers;

	private final @Nullable ListenerOutcomes outcomes;

	private final Map<MeterKey, Meter> meters = new ConcurrentHashMap<>();

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	private final Supplier<Collection<ListenerContainer>> containers;

	private final Function<String, Optional<ConsumerOptions>> consumerOptions;

	private final Function<String, Optional<String>> groups;

	private final Duration lagInterval;

	private final Map<MeterKey, AtomicLong> lags = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	/** The last received counter used: most listeners read one stream. */
	private volatile @Nullable Hot lastReceived;

	/** The last listener timer used: most messages of a listener end alike. */
	private volatile @Nullable Hot lastCompleted;

	private volatile @Nullable ScheduledExecutorService lagPoller;

	/**
	 * Create the metrics without lag.
	 * @param streamers the streamers (for the backend tag)
	 * @param outcomes the finer outcomes recorded by retries and dead-letter streams, if
	 * any
	 */
	public SeaStreamerListenerMetrics(Streamers streamers, @Nullable ListenerOutcomes outcomes) {
		this(streamers, outcomes, List::of, Duration.ZERO, (String id) -> Optional.<ConsumerOptions>empty());
	}

	/**
	 * Create the metrics.
	 * @param streamers the streamers (for the backend tag)
	 * @param outcomes the finer outcomes recorded by retries and dead-letter streams, if
	 * any
	 * @param containers the listener containers (for the lag)
	 * @param groups the consumer group of a listener id, if it has one
	 * @param lagInterval how often the lag is polled; zero disables it
	 */
	public SeaStreamerListenerMetrics(Streamers streamers, @Nullable ListenerOutcomes outcomes,
			Supplier<Collection<ListenerContainer>> containers, Function<String, Optional<String>> groups,
			Duration lagInterval) {
		this.streamers = streamers;
		this.outcomes = outcomes;
		this.containers = containers;
		this.consumerOptions = (id) -> Optional.empty();
		this.groups = groups;
		this.lagInterval = lagInterval;
	}

	/**
	 * Create the metrics, with the consumer options of each listener for the lag of its
	 * group.
	 * @param streamers the streamers (for the backend tag)
	 * @param outcomes the finer outcomes recorded by retries and dead-letter streams, if
	 * any
	 * @param containers the listener containers (for the lag)
	 * @param lagInterval how often the lag is polled; zero disables it
	 * @param consumerOptions the consumer options of a listener id, if known (its mode
	 * and group; without them, the container's mode and group are used)
	 */
	public SeaStreamerListenerMetrics(Streamers streamers, @Nullable ListenerOutcomes outcomes,
			Supplier<Collection<ListenerContainer>> containers, Duration lagInterval,
			Function<String, Optional<ConsumerOptions>> consumerOptions) {
		this.streamers = streamers;
		this.outcomes = outcomes;
		this.containers = containers;
		this.consumerOptions = consumerOptions;
		this.groups = (id) -> consumerOptions.apply(id).flatMap(ConsumerOptions::group);
		this.lagInterval = lagInterval;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		if (!this.lagInterval.isZero() && !this.lagInterval.isNegative() && this.lagPoller == null) {
			ScheduledExecutorService poller = Executors
				.newSingleThreadScheduledExecutor(DeliveryExecutor.daemonThreads("seastreamer-lag"));
			long millis = Math.max(10, this.lagInterval.toMillis());
			poller.scheduleWithFixedDelay(this::pollLag, millis, millis, TimeUnit.MILLISECONDS);
			this.lagPoller = poller;
		}
	}

	/**
	 * The last lag polled for each stream of a listener.
	 * @param listenerId the listener id
	 * @return the lag by stream name; empty when unknown
	 */
	@Override
	public Map<String, Long> lag(String listenerId) {
		Map<String, Long> result = new TreeMap<>();
		this.lags.forEach((key, value) -> {
			if (key.listener().equals(listenerId)) {
				result.put(key.detail(), value.get());
			}
		});
		return result;
	}

	private void pollLag() {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		for (ListenerContainer container : this.containers.get()) {
			try {
				pollLag(registry, container);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Listener '{}': polling the lag failed: {}", container.id(),
						UriMasking.mask(String.valueOf(ex)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void pollLag(MeterRegistry registry, ListenerContainer container) throws IOException, InterruptedException {
		String streamerName = container.streamerName().isEmpty() ? Streamers.DEFAULT : container.streamerName();
		if (container.mode() == ConsumerMode.REAL_TIME || container.state() == ContainerState.CREATED
				|| !this.streamers.contains(streamerName)) {
			return;
		}
		Optional<ConsumerOptions> known = this.consumerOptions.apply(container.id());
		Streamer streamer = this.streamers.get(streamerName);
		if (!(streamer instanceof GroupLagReporter reporter)) {
			// a streamer that cannot tell its groups' lag has no lag gauge
			return;
		}
		ConsumerOptions options = known.orElseGet(() -> ConsumerOptions.builder()
			.mode(container.mode())
			.group(container.group().or(() -> this.groups.apply(container.id())).orElse(null))
			.build());
		List<ShardLag> shards;
		try {
			shards = reporter.groupLag(container.streams(), options)
				.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IOException(cause.getMessage(), cause);
		}
		Map<String, Long> byStream = new HashMap<>();
		for (ShardLag shard : shards) {
			byStream.merge(shard.streamKey().name(), shard.lag(), Long::sum);
		}
		byStream.forEach((stream, lag) -> recordLag(registry, container, stream, lag));
	}

	private void recordLag(MeterRegistry registry, ListenerContainer container, String stream, long lag) {
		MeterKey key = new MeterKey("lag", container.id(), stream);
		AtomicLong holder = this.lags.computeIfAbsent(key, (k) -> {
			AtomicLong value = new AtomicLong();
			this.meters.put(k,
					Gauge.builder("seastreamer.consumer.lag", value, AtomicLong::get)
						.description("Messages of a stream the listener's group has not yet processed")
						.tags(tags(container).and("stream", k.detail()))
						.register(registry));
			return value;
		});
		holder.set(lag);
	}

	@Override
	public void onReceived(ListenerContainer container, MessageHeader header) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		receivedCounter(registry, container, header.streamKey().name()).increment();
	}

	/**
	 * Count a dispatch in bulk: one increment per run of messages of the same stream.
	 */
	@Override
	public void onReceived(ListenerContainer container, List<MessageHeader> headers) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		int size = headers.size();
		int start = 0;
		while (start < size) {
			StreamKey stream = headers.get(start).streamKey();
			int end = start + 1;
			while (end < size && headers.get(end).streamKey().equals(stream)) {
				end++;
			}
			receivedCounter(registry, container, stream.name()).increment(end - start);
			start = end;
		}
	}

	private Counter receivedCounter(MeterRegistry registry, ListenerContainer container, String stream) {
		Hot hot = this.lastReceived;
		if (hot == null || !hot.matches(registry, container, stream)) {
			MeterKey key = new MeterKey("received", container.id(), stream);
			Counter counter = (Counter) this.meters.computeIfAbsent(key,
					(k) -> Counter.builder("seastreamer.messages.received")
						.description("Messages taken from the consumer by a listener")
						.tags(tags(container).and("stream", k.detail()))
						.register(registry));
			gaugeInFlight(registry, container);
			hot = new Hot(registry, container, stream, counter);
			this.lastReceived = hot;
		}
		return (Counter) hot.meter();
	}

	@Override
	public void onSent(String streamer, MessageHeader receipt) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		String name = streamer.isEmpty() ? Streamers.DEFAULT : streamer;
		MeterKey key = new MeterKey("sent", name, receipt.streamKey().name());
		Counter counter = (Counter) this.meters.computeIfAbsent(key, (k) -> {
			String backend = this.streamers.contains(name) ? this.streamers.get(name).uri().protocol().orElse("unknown")
					: "unknown";
			return Counter.builder("seastreamer.messages.sent")
				.description("Messages sent through the stream template and acknowledged by the backend")
				.tags("streamer", name, "backend", backend, "stream", k.detail())
				.register(registry);
		});
		counter.increment();
	}

	@Override
	public void onCompleted(ListenerContainer container, MessageHeader header, Outcome outcome, Duration duration) {
		onCompleted(container, header, outcome, duration.toNanos());
	}

	@Override
	public void onCompleted(ListenerContainer container, MessageHeader header, Outcome outcome, long nanos) {
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
		Hot hot = this.lastCompleted;
		if (hot == null || !hot.matches(registry, container, tag)) {
			Timer timer = (Timer) this.meters.computeIfAbsent(new MeterKey("listener", container.id(), tag),
					(k) -> Timer.builder("seastreamer.listener")
						.description("Handling of a message by a listener, by outcome")
						.tags(tags(container).and("outcome", k.detail()))
						.register(registry));
			hot = new Hot(registry, container, tag, timer);
			this.lastCompleted = hot;
		}
		((Timer) hot.meter()).record(nanos, TimeUnit.NANOSECONDS);
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

	/**
	 * Remove the meters of a listener (every {@code seastreamer.*} meter tagged with its
	 * id, observation timers included) from the registry; counters start again from zero
	 * if a listener of that id is registered later.
	 */
	@Override
	public void onRemoved(ListenerContainer container) {
		String id = container.id();
		Hot received = this.lastReceived;
		if (received != null && received.container() == container) {
			this.lastReceived = null;
		}
		Hot completed = this.lastCompleted;
		if (completed != null && completed.container() == container) {
			this.lastCompleted = null;
		}
		MeterRegistry registry = this.registry;
		this.meters.entrySet().removeIf((entry) -> {
			MeterKey key = entry.getKey();
			if (key.kind().equals("sent") || !key.listener().equals(id)) {
				return false;
			}
			if (registry != null) {
				registry.remove(entry.getValue());
			}
			return true;
		});
		if (registry != null) {
			// meters of this listener made by others, such as the timers of observations
			for (Meter meter : registry.getMeters()) {
				if (id.equals(meter.getId().getTag("listener")) && meter.getId().getName().startsWith("seastreamer.")) {
					registry.remove(meter);
				}
			}
		}
		this.lags.keySet().removeIf((key) -> key.listener().equals(id));
		this.gauged.remove(id);
		if (this.outcomes != null) {
			this.outcomes.forget(id);
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
		ScheduledExecutorService poller = this.lagPoller;
		if (poller != null) {
			poller.shutdownNow();
		}
		MeterRegistry registry = this.registry;
		if (registry != null) {
			this.meters.values().forEach(registry::remove);
		}
		this.lastReceived = null;
		this.lastCompleted = null;
		this.meters.clear();
		this.gauged.clear();
		this.lags.clear();
	}

	/**
	 * A meter last used by a hook, so that the next message of the same listener and
	 * stream (or outcome) skips the map look-up.
	 */
	private record Hot(MeterRegistry registry, ListenerContainer container, String detail, Meter meter) {

		boolean matches(MeterRegistry registry, ListenerContainer container, String detail) {
			return this.registry == registry && this.container == container && this.detail.equals(detail);
		}

	}

	private record MeterKey(String kind, String listener, String detail) {
	}

}
