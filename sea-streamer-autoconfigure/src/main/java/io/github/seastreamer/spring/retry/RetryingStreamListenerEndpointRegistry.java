package io.github.seastreamer.spring.retry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.seastreamer.ConsumerOptions;

import io.github.seastreamer.spring.core.ConsumerOptionsCustomizer;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ListenerContainer;
import io.github.seastreamer.spring.listener.ListenerEndpoint;
import io.github.seastreamer.spring.listener.ListenerErrorHandler;
import io.github.seastreamer.spring.listener.ListenerObserver;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;

/**
 * A {@link StreamListenerEndpointRegistry} that wraps the handler of every endpoint in
 * the retry policy of its listener (when that allows more than one attempt) and remembers
 * each listener's consumer options (for its group's lag and for moving it).
 * <p>
 * Thread-safe like its parent.
 */
public class RetryingStreamListenerEndpointRegistry extends StreamListenerEndpointRegistry {

	private final RetryPolicies policies;

	private final ListenerOutcomes outcomes;

	private final Map<String, ConsumerOptions> options = new ConcurrentHashMap<>();

	/**
	 * Create the registry.
	 * @param streamers the streamers
	 * @param template the template used for {@code @SendTo}
	 * @param customizers the consumer option customizers
	 * @param errorHandler the error handler of every container
	 * @param observers the observers of every container
	 * @param commitInterval how often completed messages are committed
	 * @param shutdownTimeout the time allowed for in-flight handlers at stop
	 * @param policies the retry policies
	 * @param outcomes where retried messages are recorded for the metrics
	 */
	public RetryingStreamListenerEndpointRegistry(Streamers streamers, StreamTemplate template,
			List<ConsumerOptionsCustomizer> customizers, ListenerErrorHandler errorHandler,
			List<ListenerObserver> observers, Duration commitInterval, Duration shutdownTimeout, RetryPolicies policies,
			ListenerOutcomes outcomes) {
		super(streamers, template, customizers, errorHandler, observers, commitInterval, shutdownTimeout);
		this.policies = policies;
		this.outcomes = outcomes;
	}

	/**
	 * The consumer options of a registered listener (as registered, before customizers).
	 * @param listenerId the listener id
	 * @return the options, if the listener is registered
	 */
	public Optional<ConsumerOptions> consumerOptions(String listenerId) {
		return Optional.ofNullable(this.options.get(listenerId));
	}

	/**
	 * The consumer group of a registered listener.
	 * @param listenerId the listener id
	 * @return the group, if the listener has one
	 */
	public Optional<String> group(String listenerId) {
		ConsumerOptions options = this.options.get(listenerId);
		return (options != null) ? options.group() : Optional.empty();
	}

	@Override
	public Optional<ListenerContainer> unregister(String id) {
		Optional<ListenerContainer> removed = super.unregister(id);
		removed.ifPresent((container) -> this.options.remove(id));
		return removed;
	}

	@Override
	public ListenerContainer register(ListenerEndpoint endpoint) {
		this.options.put(endpoint.id(), endpoint.consumerOptions());
		RetryPolicy policy = this.policies.forListener(endpoint.id());
		if (policy.maxAttempts() <= 1) {
			return super.register(endpoint);
		}
		ListenerEndpoint retrying = ListenerEndpoint
			.builder(endpoint.id(),
					new RetryingMessageHandler(endpoint.id(), endpoint.handler(), policy, this.outcomes))
			.streamerName(endpoint.streamerName())
			.streams(endpoint.streams())
			.consumerOptions(endpoint.consumerOptions())
			.concurrency(endpoint.concurrency())
			.ordered(endpoint.ordered())
			.maxInFlight(endpoint.maxInFlight())
			.autoStartup(endpoint.autoStartup())
			.manualAcknowledgement(endpoint.manualAcknowledgement())
			.condition(endpoint.condition())
			.sendTo(endpoint.sendTo())
			.build();
		return super.register(retrying);
	}

}
