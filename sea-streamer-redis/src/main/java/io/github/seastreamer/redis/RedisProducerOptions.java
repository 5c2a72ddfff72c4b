package io.github.seastreamer.redis;

import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;

/**
 * Redis producer options, added with {@code ProducerOptions.builder().with(...)}.
 * Immutable and thread-safe.
 */
public final class RedisProducerOptions implements BackendOptions {

	/** The default number of commands written per pipeline flush. */
	public static final int DEFAULT_MAX_BATCH_SIZE = 1000;

	private static final RedisProducerOptions DEFAULTS = builder().build();

	private final @Nullable Supplier<Sharder> sharder;

	private final int maxBatchSize;

	private RedisProducerOptions(Builder builder) {
		this.sharder = builder.sharder;
		this.maxBatchSize = builder.maxBatchSize;
	}

	/**
	 * The defaults: no sharder, batches of {@value #DEFAULT_MAX_BATCH_SIZE}.
	 * @return the defaults
	 */
	public static RedisProducerOptions defaults() {
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
	 * The sharder factory; each producer calls it once.
	 * @return the factory, if sharding is on
	 */
	public Optional<Supplier<Sharder>> sharder() {
		return Optional.ofNullable(this.sharder);
	}

	/**
	 * The most {@code XADD} commands written before one pipeline flush.
	 * @return the batch size
	 */
	public int maxBatchSize() {
		return this.maxBatchSize;
	}

	@Override
	public String toString() {
		return "RedisProducerOptions{sharder=" + ((this.sharder != null) ? "set" : "none") + ", maxBatchSize="
				+ this.maxBatchSize + "}";
	}

	/**
	 * Builds {@link RedisProducerOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable Supplier<Sharder> sharder;

		private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;

		private Builder() {
		}

		/**
		 * Shard every message with a sharder made by the factory (one per producer), for
		 * example {@code () -> Sharder.roundRobin(3)}.
		 * @param sharder the factory, or {@code null} for no sharding
		 * @return this builder
		 */
		public Builder sharder(@Nullable Supplier<Sharder> sharder) {
			this.sharder = sharder;
			return this;
		}

		/**
		 * Set the most commands per pipeline flush.
		 * @param maxBatchSize at least 1
		 * @return this builder
		 */
		public Builder maxBatchSize(int maxBatchSize) {
			if (maxBatchSize < 1) {
				throw new ConfigurationException("maxBatchSize must be at least 1, was " + maxBatchSize);
			}
			this.maxBatchSize = maxBatchSize;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public RedisProducerOptions build() {
			return new RedisProducerOptions(this);
		}

	}

}
