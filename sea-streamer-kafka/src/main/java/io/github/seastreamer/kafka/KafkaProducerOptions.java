package io.github.seastreamer.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;

/**
 * Kafka producer options, added to {@code ProducerOptions} with
 * {@code ProducerOptions.builder().with(KafkaProducerOptions.builder()...build())}:
 * compression, a transactional id, the send-queue bound, and any Kafka producer property.
 * Immutable and thread-safe.
 */
public final class KafkaProducerOptions implements BackendOptions {

	/** The default bound of bytes queued but not yet handed to the Kafka client. */
	public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;

	private static final KafkaProducerOptions DEFAULTS = builder().build();

	private final @Nullable CompressionType compressionType;

	private final @Nullable String transactionalId;

	private final long maxQueuedBytes;

	private final Map<String, String> clientProperties;

	private KafkaProducerOptions(Builder builder) {
		this.compressionType = builder.compressionType;
		this.transactionalId = builder.transactionalId;
		this.maxQueuedBytes = builder.maxQueuedBytes;
		this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.clientProperties));
	}

	/**
	 * The defaults.
	 * @return the defaults
	 */
	public static KafkaProducerOptions defaults() {
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
	 * The compression ({@code compression.type}).
	 * @return the compression, if set
	 */
	public Optional<CompressionType> compressionType() {
		return Optional.ofNullable(this.compressionType);
	}

	/**
	 * The transactional id ({@code transactional.id}); makes the producer transactional.
	 * @return the id, if set
	 */
	public Optional<String> transactionalId() {
		return Optional.ofNullable(this.transactionalId);
	}

	/**
	 * The most payload bytes queued on the producer's sender thread; beyond it sends fail
	 * at once with a retryable error rather than grow memory without limit.
	 * @return the bound in bytes
	 */
	public long maxQueuedBytes() {
		return this.maxQueuedBytes;
	}

	/**
	 * Kafka producer properties, applied last.
	 * @return the properties
	 */
	public Map<String, String> clientProperties() {
		return this.clientProperties;
	}

	@Override
	public String toString() {
		return "KafkaProducerOptions{compressionType=" + this.compressionType + ", transactionalId="
				+ this.transactionalId + ", maxQueuedBytes=" + this.maxQueuedBytes + ", clientProperties="
				+ KafkaConnectOptions.masked(this.clientProperties) + "}";
	}

	/**
	 * Values of {@code compression.type}.
	 */
	public enum CompressionType {

		/** No compression. */
		NONE,

		/** gzip. */
		GZIP,

		/** Snappy. */
		SNAPPY,

		/** LZ4. */
		LZ4,

		/** Zstandard. */
		ZSTD;

		/**
		 * The property value.
		 * @return the value, such as {@code lz4}
		 */
		public String propertyValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Builds {@link KafkaProducerOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable CompressionType compressionType;

		private @Nullable String transactionalId;

		private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;

		private final Map<String, String> clientProperties = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Set the compression.
		 * @param compressionType the compression
		 * @return this builder
		 */
		public Builder compressionType(CompressionType compressionType) {
			this.compressionType = compressionType;
			return this;
		}

		/**
		 * Make the producer transactional. The producer is created through Spring for
		 * Apache Kafka's {@code DefaultKafkaProducerFactory}, which takes the id as a
		 * prefix: the effective {@code transactional.id} is the id followed by {@code 0}
		 * (the same for every producer created with this id, so a restarted producer
		 * fences its predecessor).
		 * @param transactionalId the transactional id, not blank
		 * @return this builder
		 */
		public Builder transactionalId(String transactionalId) {
			if (transactionalId.isBlank()) {
				throw new ConfigurationException("kafka transactional id must not be blank");
			}
			this.transactionalId = transactionalId;
			return this;
		}

		/**
		 * Set the bound of bytes queued on the sender thread.
		 * @param maxQueuedBytes the bound, positive
		 * @return this builder
		 */
		public Builder maxQueuedBytes(long maxQueuedBytes) {
			if (maxQueuedBytes <= 0) {
				throw new ConfigurationException("kafka max queued bytes must be positive, was " + maxQueuedBytes);
			}
			this.maxQueuedBytes = maxQueuedBytes;
			return this;
		}

		/**
		 * Set a Kafka producer property (applied last).
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder clientProperty(String name, String value) {
			if (name.isBlank()) {
				throw new ConfigurationException("kafka client property name must not be blank");
			}
			this.clientProperties.put(name, value);
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public KafkaProducerOptions build() {
			return new KafkaProducerOptions(this);
		}

	}

}
