package io.github.seastreamer.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;

/**
 * Kafka consumer options, added to {@code ConsumerOptions} with
 * {@code ConsumerOptions.builder().with(KafkaConsumerOptions.builder()...build())}.
 *
 * <p>
 * The mode and group come from the generic options. SeaStreamer commits offsets itself
 * (only what {@code Consumer.commit} marked done), so {@code enable.auto.commit=true} is
 * rejected. Immutable and thread-safe.
 */
public final class KafkaConsumerOptions implements BackendOptions {

	/** The default number of messages buffered between the poll thread and callers. */
	public static final int DEFAULT_BUFFER_SIZE = 4096;

	/** The default interval between background commits. */
	public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(200);

	/** The default interval at which new partitions of the topics are looked for. */
	public static final Duration DEFAULT_PARTITION_DISCOVERY_INTERVAL = Duration.ofSeconds(5);

	private static final KafkaConsumerOptions DEFAULTS = builder().build();

	private final @Nullable AutoOffsetReset autoOffsetReset;

	private final @Nullable Duration sessionTimeout;

	private final Duration commitInterval;

	private final Duration partitionDiscoveryInterval;

	private final int bufferSize;

	private final Map<String, String> clientProperties;

	private KafkaConsumerOptions(Builder builder) {
		this.autoOffsetReset = builder.autoOffsetReset;
		this.sessionTimeout = builder.sessionTimeout;
		this.commitInterval = builder.commitInterval;
		this.partitionDiscoveryInterval = builder.partitionDiscoveryInterval;
		this.bufferSize = builder.bufferSize;
		this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.clientProperties));
	}

	/**
	 * The defaults.
	 * @return the defaults
	 */
	public static KafkaConsumerOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * A new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Where to start without a committed offset; overrides the generic stream reset.
	 * @return the reset, if set
	 */
	public Optional<AutoOffsetReset> autoOffsetReset() {
		return Optional.ofNullable(this.autoOffsetReset);
	}

	/**
	 * The group session timeout ({@code session.timeout.ms}), load-balanced consumers.
	 * @return the timeout, if set
	 */
	public Optional<Duration> sessionTimeout() {
		return Optional.ofNullable(this.sessionTimeout);
	}

	/**
	 * The interval between background commits of what was marked done.
	 * @return the interval
	 */
	public Duration commitInterval() {
		return this.commitInterval;
	}

	/**
	 * How often real-time and resumable consumers look for new partitions.
	 * @return the interval
	 */
	public Duration partitionDiscoveryInterval() {
		return this.partitionDiscoveryInterval;
	}

	/**
	 * The most messages buffered between the poll thread and callers of {@code next()};
	 * when full, the partitions are paused.
	 * @return the buffer size
	 */
	public int bufferSize() {
		return this.bufferSize;
	}

	/**
	 * Kafka consumer properties, applied last.
	 * @return the properties
	 */
	public Map<String, String> clientProperties() {
		return this.clientProperties;
	}

	@Override
	public String toString() {
		return "KafkaConsumerOptions{autoOffsetReset=" + this.autoOffsetReset + ", sessionTimeout="
				+ this.sessionTimeout + ", commitInterval=" + this.commitInterval + ", partitionDiscoveryInterval="
				+ this.partitionDiscoveryInterval + ", bufferSize=" + this.bufferSize + ", clientProperties="
				+ KafkaConnectOptions.masked(this.clientProperties) + "}";
	}

	/**
	 * Values of {@code auto.offset.reset}.
	 */
	public enum AutoOffsetReset {

		/** From the oldest offset. */
		EARLIEST,

		/** From the next message produced. */
		LATEST,

		/** Fail when there is no committed offset. */
		NONE

	}

	/**
	 * Builds {@link KafkaConsumerOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable AutoOffsetReset autoOffsetReset;

		private @Nullable Duration sessionTimeout;

		private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;

		private Duration partitionDiscoveryInterval = DEFAULT_PARTITION_DISCOVERY_INTERVAL;

		private int bufferSize = DEFAULT_BUFFER_SIZE;

		private final Map<String, String> clientProperties = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Set where to start without a committed offset.
		 * @param autoOffsetReset the reset
		 * @return this builder
		 */
		public Builder autoOffsetReset(AutoOffsetReset autoOffsetReset) {
			this.autoOffsetReset = autoOffsetReset;
			return this;
		}

		/**
		 * Set the group session timeout.
		 * @param sessionTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder sessionTimeout(Duration sessionTimeout) {
			this.sessionTimeout = positive("session timeout", sessionTimeout);
			return this;
		}

		/**
		 * Set the interval between background commits.
		 * @param commitInterval the interval, positive
		 * @return this builder
		 */
		public Builder commitInterval(Duration commitInterval) {
			this.commitInterval = positive("commit interval", commitInterval);
			return this;
		}

		/**
		 * Set how often new partitions are looked for.
		 * @param interval the interval, positive
		 * @return this builder
		 */
		public Builder partitionDiscoveryInterval(Duration interval) {
			this.partitionDiscoveryInterval = positive("partition discovery interval", interval);
			return this;
		}

		/**
		 * Set the most messages buffered for callers.
		 * @param bufferSize the size, at least 1
		 * @return this builder
		 */
		public Builder bufferSize(int bufferSize) {
			if (bufferSize < 1) {
				throw new ConfigurationException("kafka consumer buffer size must be at least 1, was " + bufferSize);
			}
			this.bufferSize = bufferSize;
			return this;
		}

		/**
		 * Set a Kafka consumer property (applied last).
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 * @throws ConfigurationException for {@code enable.auto.commit=true}, which would
		 * commit messages not yet processed
		 */
		public Builder clientProperty(String name, String value) {
			if ("enable.auto.commit".equals(name) && Boolean.parseBoolean(value.trim())) {
				throw new ConfigurationException("enable.auto.commit=true is not supported: SeaStreamer commits "
						+ "what Consumer.commit marked done; auto-commit would commit messages not yet processed");
			}
			if (name.isBlank()) {
				throw new ConfigurationException("kafka client property name must not be blank");
			}
			this.clientProperties.put(name, value);
			return this;
		}

		private static Duration positive(String what, Duration value) {
			if (value.isNegative() || value.isZero()) {
				throw new ConfigurationException("kafka " + what + " must be positive, was " + value);
			}
			return value;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public KafkaConsumerOptions build() {
			return new KafkaConsumerOptions(this);
		}

	}

}
