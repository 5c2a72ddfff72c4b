package io.github.seastreamer.spring.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.GroupRepositioner;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.UriMasking;

import io.github.seastreamer.spring.actuate.metrics.ConsumerLagSource;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ListenerContainer;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import io.github.seastreamer.spring.retry.RetryingStreamListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code seastreamer} actuator endpoint: reading lists the streamers (name, backend,
 * masked URI) and the listeners (id, streamer, streams, mode, group, state, in-flight,
 * received, completed, lag per stream where known); {@code /seastreamer/{listener}} reads
 * one listener; writing {@code {"action": "pause|resume|stop|start"}} to it changes its
 * state.
 * <p>
 * Thread-safe. {@code stop} and {@code start} block until the listener has stopped
 * (within its shutdown timeout) or started. An unknown listener reads as {@code null}
 * (404); an unknown action is an invalid request (400).
 */
@Endpoint(id = "seastreamer")
public class SeaStreamerEndpoint {

	private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(30);

	private final Streamers streamers;

	private final @Nullable StreamListenerEndpointRegistry registry;

	private final @Nullable ConsumerLagSource metrics;

	/**
	 * Create the endpoint.
	 * @param streamers the streamers
	 * @param registry the listener registry, if any
	 * @param metrics the source of the lag, if any
	 */
	public SeaStreamerEndpoint(Streamers streamers, @Nullable StreamListenerEndpointRegistry registry,
			@Nullable ConsumerLagSource metrics) {
		this.streamers = streamers;
		this.registry = registry;
		this.metrics = metrics;
	}

	/**
	 * Describe the streamers and listeners.
	 * @return the description
	 */
	@ReadOperation
	public SeaStreamerDescriptor seastreamer() {
		Map<String, StreamerDescriptor> byName = new LinkedHashMap<>();
		this.streamers.asMap()
			.forEach((name, streamer) -> byName.put(name, new StreamerDescriptor(
					streamer.uri().protocol().orElse("unknown"), streamer.uri().toMaskedUriString())));
		List<ListenerDescriptor> listeners = (this.registry != null)
				? this.registry.getListenerContainers().stream().map(this::describe).toList() : List.of();
		return new SeaStreamerDescriptor(byName, listeners);
	}

	/**
	 * Describe one listener.
	 * @param id the listener id
	 * @return the description, or {@code null} if there is no such listener
	 */
	@ReadOperation
	public @Nullable ListenerDescriptor listener(@Selector String id) {
		ListenerContainer container = find(id);
		return (container != null) ? describe(container) : null;
	}

	/**
	 * Pause, resume, stop or start a listener.
	 * @param id the listener id
	 * @param action {@code pause}, {@code resume}, {@code stop} or {@code start}
	 * @return the listener after the action, or {@code null} if there is no such listener
	 * @throws InvalidEndpointRequestException if the action is unknown
	 */
	@WriteOperation
	public @Nullable ListenerDescriptor act(@Selector String id, String action) {
		ListenerContainer container = find(id);
		if (container == null) {
			return null;
		}
		switch (action.trim().toLowerCase(Locale.ROOT)) {
			case "pause" -> container.pause();
			case "resume" -> container.resume();
			case "stop" -> container.stop();
			case "start" -> container.start();
			default -> throw new InvalidEndpointRequestException(
					"unknown action '" + action + "' for listener '" + id + "': use pause, resume, stop or start",
					"unknown action");
		}
		return describe(container);
	}

	/**
	 * Move a listener's group: {@code POST /seastreamer/{listener}/seek} with
	 * {@code {"to": "beginning" | "end" | "<ISO-8601 instant>"}}. The listener is stopped
	 * (committing what it completed), then its group's committed positions are moved:
	 * through {@link GroupRepositioner} where the streamer implements it (file: its
	 * offsets file; {@code mem://}), with an admin client on Kafka (offsets for times,
	 * {@code alterConsumerGroupOffsets}), otherwise by creating a consumer with the
	 * listener's options and moving it with {@code Consumer.rewind}/{@code Consumer.seek}
	 * (Redis: {@code XGROUP SETID}). The listener is started again if it was running.
	 * @param id the listener id
	 * @param operation {@code seek}
	 * @param to where to go
	 * @return the listener after the move, or {@code null} if there is no such listener
	 * @throws InvalidEndpointRequestException if the operation or target is invalid, the
	 * listener has no group, or the backend refuses
	 */
	@WriteOperation
	public @Nullable ListenerDescriptor move(@Selector String id, @Selector String operation, String to) {
		ListenerContainer container = find(id);
		if (container == null) {
			return null;
		}
		if (!"seek".equals(operation)) {
			throw new InvalidEndpointRequestException(
					"unknown operation '" + operation + "' for listener '" + id + "': use seek", "unknown operation");
		}
		ConsumerOptions options = (this.registry instanceof RetryingStreamListenerEndpointRegistry retrying)
				? retrying.consumerOptions(id).orElse(null) : null;
		if (options == null || options.group().isEmpty()) {
			throw new InvalidEndpointRequestException("listener '" + id + "' has no consumer group to move",
					"no consumer group");
		}
		Target target = target(id, to);
		Streamer streamer = this.streamers.get(container.streamerName());
		boolean wasRunning = container.isRunning();
		container.stop();
		try {
			if (streamer instanceof GroupRepositioner groups) {
				CompletableFuture<Void> moved = (target.time() != null)
						? groups.moveGroup(container.streams(), options, target.time())
						: groups.moveGroup(container.streams(), options, target.position());
				moved.get(MOVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			else {
				try (Consumer consumer = streamer.createConsumer(container.streams(), options)) {
					target.move(consumer).get(MOVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InvalidEndpointRequestException("listener '" + id + "': moving was interrupted", "interrupted");
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			throw new InvalidEndpointRequestException("listener '" + id + "': moving to '" + to + "' failed: "
					+ UriMasking.mask(String.valueOf(cause.getMessage())), "move failed");
		}
		finally {
			if (wasRunning) {
				container.start();
			}
		}
		return describe(container);
	}

	private static Target target(String id, String to) {
		String target = to.trim().toLowerCase(Locale.ROOT);
		if (target.equals("beginning")) {
			return new Target(SeqPos.BEGINNING, null);
		}
		if (target.equals("end")) {
			return new Target(SeqPos.END, null);
		}
		try {
			return new Target(SeqPos.END, Instant.parse(to.trim()));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidEndpointRequestException(
					"listener '" + id + "': cannot move to '" + to
							+ "': use beginning, end or an ISO-8601 instant such as 2026-01-01T00:00:00Z",
					"invalid target");
		}
	}

	private @Nullable ListenerContainer find(String id) {
		return (this.registry != null) ? this.registry.getListenerContainer(id).orElse(null) : null;
	}

	private ListenerDescriptor describe(ListenerContainer c) {
		Map<String, Long> lag = (this.metrics != null) ? this.metrics.lag(c.id()) : Map.of();
		return new ListenerDescriptor(c.id(), c.streamerName(), c.streams().stream().map((s) -> s.name()).toList(),
				c.mode().name(), c.group().orElse(null), c.state().name(), c.inFlight(), c.received(), c.completed(),
				lag);
	}

	/**
	 * Where to move a group: a position, or a time when {@code time} is set.
	 */
	private record Target(SeqPos position, @Nullable Instant time) {

		CompletableFuture<Void> move(Consumer consumer) {
			Instant at = this.time;
			return (at != null) ? consumer.seek(at) : consumer.rewind(this.position);
		}

	}

	/**
	 * The endpoint's answer.
	 *
	 * @param streamers the streamers by name
	 * @param listeners the listeners
	 */
	public record SeaStreamerDescriptor(Map<String, StreamerDescriptor> streamers, List<ListenerDescriptor> listeners) {
	}

	/**
	 * One streamer.
	 *
	 * @param backend the URI scheme
	 * @param uri the URI with passwords masked
	 */
	public record StreamerDescriptor(String backend, String uri) {
	}

	/**
	 * One listener.
	 *
	 * @param id the id
	 * @param streamer the streamer name
	 * @param streams the streams
	 * @param mode the consumer mode
	 * @param group the consumer group, or {@code null} for real-time listeners
	 * @param state the container state
	 * @param inFlight the messages in flight
	 * @param received the messages received since creation
	 * @param completed the messages completed since creation
	 * @param lag the last polled lag by stream (empty when the backend cannot tell)
	 */
	public record ListenerDescriptor(String id, String streamer, List<String> streams, String mode,
			@Nullable String group, String state, int inFlight, long received, long completed, Map<String, Long> lag) {
	}

}
