package io.github.seastreamer.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.spi.DeliveryExecutor;
import io.github.seastreamer.spring.core.ConsumerOptionsCustomizer;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Creates one {@link ListenerContainer} per registered {@link ListenerEndpoint}, starts
 * those with auto-startup when the application context starts, and stops them all
 * (gracefully, in parallel) before the context closes.
 * <p>
 * A {@link SmartLifecycle} in a late phase: listeners start after every other bean is
 * ready and stop first. Registration is thread-safe; {@link #start()} fails with a
 * message naming the listener whose consumer cannot be created.
 */
public class StreamListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

	/** The lifecycle phase: late start, early stop. */
	public static final int PHASE = Integer.MAX_VALUE - 100;

	private static final Logger logger = LoggerFactory.getLogger(StreamListenerEndpointRegistry.class);

	private final Streamers streamers;

	private final StreamTemplate template;

	private final List<ConsumerOptionsCustomizer> customizers;

	private final ListenerErrorHandler errorHandler;

	private final List<ListenerObserver> observers;

	private final Duration commitInterval;

	private final Duration shutdownTimeout;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(DeliveryExecutor.daemonThreads("seastreamer-commit"));

	private final Map<String, DefaultListenerContainer> containers = Collections.synchronizedMap(new LinkedHashMap<>());

	private volatile boolean running;

	private volatile List<ListenerHandlerDecorator> decorators = List.of();

	/**
	 * Create the registry.
	 * @param streamers the streamers
	 * @param template the template used for {@code @SendTo}
	 * @param customizers the consumer option customizers
	 * @param errorHandler the error handler of every container
	 * @param observers the observers of every container
	 * @param commitInterval how often completed messages are committed
	 * @param shutdownTimeout the time allowed for in-flight handlers at stop
	 */
	public StreamListenerEndpointRegistry(Streamers streamers, StreamTemplate template,
			List<ConsumerOptionsCustomizer> customizers, ListenerErrorHandler errorHandler,
			List<ListenerObserver> observers, Duration commitInterval, Duration shutdownTimeout) {
		this.streamers = streamers;
		this.template = template;
		this.customizers = List.copyOf(customizers);
		this.errorHandler = errorHandler;
		this.observers = List.copyOf(observers);
		this.commitInterval = commitInterval;
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Set the decorators applied to the handler of every endpoint registered afterwards,
	 * in order (the first wraps the handler, the last is outermost).
	 * @param decorators the decorators
	 */
	public void setHandlerDecorators(List<ListenerHandlerDecorator> decorators) {
		this.decorators = List.copyOf(decorators);
	}

	/**
	 * Register an endpoint and create its container; started at once if the registry is
	 * running and the endpoint starts automatically.
	 * @param endpoint the endpoint
	 * @return the container
	 * @throws ConfigurationException if the id is taken or the streamer unknown (the
	 * message names the listener)
	 */
	public ListenerContainer register(ListenerEndpoint endpoint) {
		if (!this.streamers.contains(endpoint.streamerName())) {
			throw new ConfigurationException("listener '" + endpoint.id() + "': unknown streamer '"
					+ endpoint.streamerName() + "'; configured streamers: " + String.join(", ", this.streamers.names())
					+ " (add seastreamer.streamers." + endpoint.streamerName() + ".uri)");
		}
		ListenerEndpoint.SendToTarget sendTo = endpoint.sendTo();
		if (sendTo != null && !this.streamers.contains(sendTo.streamerName())) {
			throw new ConfigurationException("listener '" + endpoint.id() + "': @SendTo names unknown streamer '"
					+ sendTo.streamerName() + "'; configured streamers: " + String.join(", ", this.streamers.names()));
		}
		for (ListenerHandlerDecorator decorator : this.decorators) {
			endpoint = endpoint.withHandler(decorator.decorate(endpoint, endpoint.handler()));
		}
		DefaultListenerContainer container = new DefaultListenerContainer(endpoint, this.streamers, this.template,
				this.customizers, this.errorHandler, this.observers, this.commitInterval, this.shutdownTimeout,
				this.scheduler);
		synchronized (this.containers) {
			if (this.containers.containsKey(endpoint.id())) {
				throw new ConfigurationException("listener '" + endpoint.id() + "': another listener has this id");
			}
			this.containers.put(endpoint.id(), container);
		}
		if (this.running && endpoint.autoStartup()) {
			container.start();
		}
		return container;
	}

	/**
	 * Stop a listener's container (gracefully, as {@link ListenerContainer#stop()}) and
	 * remove it: its id may be registered again, and observers are told with
	 * {@link ListenerObserver#onRemoved} (the metrics remove its meters). Blocks until
	 * the container has stopped.
	 * @param id the listener id
	 * @return the removed container, if there was one
	 */
	public Optional<ListenerContainer> unregister(String id) {
		DefaultListenerContainer container = this.containers.get(id);
		if (container == null) {
			return Optional.empty();
		}
		container.stop();
		if (!this.containers.remove(id, container)) {
			return Optional.empty();
		}
		removed(container);
		return Optional.of(container);
	}

	private void removed(ListenerContainer container) {
		for (ListenerObserver observer : this.observers) {
			try {
				observer.onRemoved(container);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener observer {} failed on the removal of '{}'", observer, container.id(), ex);
			}
		}
	}

	/**
	 * The container of a listener.
	 * @param id the listener id
	 * @return the container, if any
	 */
	public Optional<ListenerContainer> getListenerContainer(String id) {
		return Optional.ofNullable(this.containers.get(id));
	}

	/**
	 * Every container, in registration order.
	 * @return the containers
	 */
	public Collection<ListenerContainer> getListenerContainers() {
		synchronized (this.containers) {
			return List.copyOf(this.containers.values());
		}
	}

	@Override
	public void start() {
		List<DefaultListenerContainer> started = new ArrayList<>();
		try {
			for (DefaultListenerContainer container : snapshot()) {
				if (container.endpoint().autoStartup()) {
					container.start();
					started.add(container);
				}
			}
		}
		catch (RuntimeException ex) {
			started.forEach(DefaultListenerContainer::stop);
			throw ex;
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		List<CompletableFuture<Void>> stops = new ArrayList<>();
		for (DefaultListenerContainer container : snapshot()) {
			stops.add(CompletableFuture.runAsync(container::stop,
					this.scheduler.isShutdown() ? Runnable::run : DeliveryExecutor.shared()));
		}
		CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Stop every container, then remove them all, telling the observers
	 * ({@link ListenerObserver#onRemoved}).
	 */
	@Override
	public void destroy() {
		stop();
		this.scheduler.shutdownNow();
		List<DefaultListenerContainer> all;
		synchronized (this.containers) {
			all = new ArrayList<>(this.containers.values());
			this.containers.clear();
		}
		all.forEach(this::removed);
	}

	private List<DefaultListenerContainer> snapshot() {
		synchronized (this.containers) {
			return new ArrayList<>(this.containers.values());
		}
	}

}
