package io.github.seastreamer.spring.listener;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import org.jspecify.annotations.Nullable;

/**
 * The resolved definition of one listener: what to read, how, and what to call; built by
 * the {@code @StreamListener} post-processor (or by hand) and turned into a
 * {@link ListenerContainer} by the {@link StreamListenerEndpointRegistry}.
 * <p>
 * Immutable; the builder validates the settings and names the listener in its errors.
 */
public final class ListenerEndpoint {

	private final String id;

	private final String streamerName;

	private final List<StreamKey> streams;

	private final ConsumerOptions consumerOptions;

	private final int concurrency;

	private final boolean ordered;

	private final int maxInFlight;

	private final boolean autoStartup;

	private final boolean manualAcknowledgement;

	private final @Nullable Predicate<MessageHeader> condition;

	private final MessageHandler handler;

	private final @Nullable SendToTarget sendTo;

	private ListenerEndpoint(Builder builder) {
		this.id = builder.id;
		this.streamerName = builder.streamerName;
		this.streams = List.copyOf(builder.streams);
		this.consumerOptions = builder.consumerOptions;
		this.concurrency = builder.concurrency;
		this.ordered = builder.ordered;
		this.maxInFlight = builder.maxInFlight;
		this.autoStartup = builder.autoStartup;
		this.manualAcknowledgement = builder.manualAcknowledgement;
		this.condition = builder.condition;
		this.handler = Objects.requireNonNull(builder.handler, "handler");
		this.sendTo = builder.sendTo;
	}

	/**
	 * A builder.
	 * @param id the listener id
	 * @param handler what to call for each message
	 * @return a builder with defaults: default streamer, real-time, concurrency 1,
	 * ordered, 256 in flight, auto-startup
	 */
	public static Builder builder(String id, MessageHandler handler) {
		return new Builder(id, handler);
	}

	/**
	 * The listener id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The streamer name.
	 * @return the name
	 */
	public String streamerName() {
		return this.streamerName;
	}

	/**
	 * The streams.
	 * @return the stream keys
	 */
	public List<StreamKey> streams() {
		return this.streams;
	}

	/**
	 * The consumer options (mode, group, stream reset), before customizers.
	 * @return the options
	 */
	public ConsumerOptions consumerOptions() {
		return this.consumerOptions;
	}

	/**
	 * The number of handler invocations that may run at once.
	 * @return the concurrency
	 */
	public int concurrency() {
		return this.concurrency;
	}

	/**
	 * Whether messages of one stream and shard are handled in order.
	 * @return whether ordered
	 */
	public boolean ordered() {
		return this.ordered;
	}

	/**
	 * The most messages taken and not completed.
	 * @return the bound
	 */
	public int maxInFlight() {
		return this.maxInFlight;
	}

	/**
	 * Whether the container starts with the context.
	 * @return whether it starts automatically
	 */
	public boolean autoStartup() {
		return this.autoStartup;
	}

	/**
	 * Whether messages complete only through {@link Acknowledgement#acknowledge()}.
	 * @return whether acknowledgement is manual
	 */
	public boolean manualAcknowledgement() {
		return this.manualAcknowledgement;
	}

	/**
	 * The filter on headers; messages it rejects are completed without calling the
	 * handler.
	 * @return the condition, or {@code null} for none
	 */
	public @Nullable Predicate<MessageHeader> condition() {
		return this.condition;
	}

	/**
	 * The handler.
	 * @return the handler
	 */
	public MessageHandler handler() {
		return this.handler;
	}

	/**
	 * Where non-null results go.
	 * @return the target, or {@code null} for none
	 */
	public @Nullable SendToTarget sendTo() {
		return this.sendTo;
	}

	/**
	 * This endpoint with another handler, everything else the same.
	 * @param handler the handler
	 * @return a new endpoint
	 */
	public ListenerEndpoint withHandler(MessageHandler handler) {
		return builder(this.id, handler).streamerName(this.streamerName)
			.streams(this.streams)
			.consumerOptions(this.consumerOptions)
			.concurrency(this.concurrency)
			.ordered(this.ordered)
			.maxInFlight(this.maxInFlight)
			.autoStartup(this.autoStartup)
			.manualAcknowledgement(this.manualAcknowledgement)
			.condition(this.condition)
			.sendTo(this.sendTo)
			.build();
	}

	@Override
	public String toString() {
		return "ListenerEndpoint{id=" + this.id + ", streamer=" + this.streamerName + ", streams=" + this.streams
				+ ", mode=" + this.consumerOptions.mode() + "}";
	}

	/**
	 * Where the results of a processor go: a stream of a streamer.
	 *
	 * @param streamerName the streamer name
	 * @param stream the stream key
	 */
	public record SendToTarget(String streamerName, StreamKey stream) {

		/**
		 * Validate the target.
		 * @param streamerName the streamer name
		 * @param stream the stream key
		 */
		public SendToTarget {
			Objects.requireNonNull(streamerName, "streamerName");
			Objects.requireNonNull(stream, "stream");
		}

	}

	/**
	 * Builds {@link ListenerEndpoint}s.
	 */
	public static final class Builder {

		private final String id;

		private final MessageHandler handler;

		private String streamerName = "default";

		private List<StreamKey> streams = List.of();

		private ConsumerOptions consumerOptions = ConsumerOptions.defaults();

		private int concurrency = 1;

		private boolean ordered = true;

		private int maxInFlight = 256;

		private boolean autoStartup = true;

		private boolean manualAcknowledgement;

		private @Nullable Predicate<MessageHeader> condition;

		private @Nullable SendToTarget sendTo;

		private Builder(String id, MessageHandler handler) {
			if (id.isBlank()) {
				throw new ConfigurationException("listener id must not be blank");
			}
			this.id = id;
			this.handler = Objects.requireNonNull(handler, "handler");
		}

		/**
		 * Set the streamer name.
		 * @param streamerName the name
		 * @return this builder
		 */
		public Builder streamerName(String streamerName) {
			this.streamerName = streamerName.isEmpty() ? "default" : streamerName;
			return this;
		}

		/**
		 * Set the streams, at least one.
		 * @param streams the stream keys
		 * @return this builder
		 */
		public Builder streams(List<StreamKey> streams) {
			this.streams = List.copyOf(streams);
			return this;
		}

		/**
		 * Set the consumer options.
		 * @param consumerOptions the options
		 * @return this builder
		 */
		public Builder consumerOptions(ConsumerOptions consumerOptions) {
			this.consumerOptions = Objects.requireNonNull(consumerOptions, "consumerOptions");
			return this;
		}

		/**
		 * Set the concurrency, at least 1.
		 * @param concurrency the concurrency
		 * @return this builder
		 */
		public Builder concurrency(int concurrency) {
			this.concurrency = concurrency;
			return this;
		}

		/**
		 * Set whether messages of one stream and shard are handled in order.
		 * @param ordered whether ordered
		 * @return this builder
		 */
		public Builder ordered(boolean ordered) {
			this.ordered = ordered;
			return this;
		}

		/**
		 * Set the most messages in flight, at least 1.
		 * @param maxInFlight the bound
		 * @return this builder
		 */
		public Builder maxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
			return this;
		}

		/**
		 * Set whether the container starts with the context.
		 * @param autoStartup whether it starts automatically
		 * @return this builder
		 */
		public Builder autoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
			return this;
		}

		/**
		 * Set whether messages complete only through {@link Acknowledgement}.
		 * @param manualAcknowledgement whether acknowledgement is manual
		 * @return this builder
		 */
		public Builder manualAcknowledgement(boolean manualAcknowledgement) {
			this.manualAcknowledgement = manualAcknowledgement;
			return this;
		}

		/**
		 * Set the filter on headers.
		 * @param condition the condition, or {@code null}
		 * @return this builder
		 */
		public Builder condition(@Nullable Predicate<MessageHeader> condition) {
			this.condition = condition;
			return this;
		}

		/**
		 * Set where non-null results go.
		 * @param sendTo the target, or {@code null}
		 * @return this builder
		 */
		public Builder sendTo(@Nullable SendToTarget sendTo) {
			this.sendTo = sendTo;
			return this;
		}

		/**
		 * Validate and build.
		 * @return the endpoint
		 * @throws ConfigurationException naming the listener and the problem
		 */
		public ListenerEndpoint build() {
			if (this.streams.isEmpty()) {
				throw new ConfigurationException("listener '" + this.id + "': no streams given");
			}
			if (this.concurrency < 1) {
				throw new ConfigurationException(
						"listener '" + this.id + "': concurrency must be at least 1, was " + this.concurrency);
			}
			if (this.maxInFlight < 1) {
				throw new ConfigurationException(
						"listener '" + this.id + "': max in-flight must be at least 1, was " + this.maxInFlight);
			}
			if (this.maxInFlight < this.concurrency) {
				throw new ConfigurationException("listener '" + this.id + "': max in-flight (" + this.maxInFlight
						+ ") must not be below the concurrency (" + this.concurrency + ")");
			}
			if (this.consumerOptions.mode() == io.github.seastreamer.ConsumerMode.REAL_TIME
					&& this.consumerOptions.group().isPresent()) {
				throw new ConfigurationException("listener '" + this.id + "': a consumer group ('"
						+ this.consumerOptions.group().get() + "') is not allowed in mode REAL_TIME;"
						+ " use RESUMABLE or LOAD_BALANCED, or remove the group");
			}
			return new ListenerEndpoint(this);
		}

	}

}
