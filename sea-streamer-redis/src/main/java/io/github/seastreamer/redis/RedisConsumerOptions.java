package io.github.seastreamer.redis;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConsumerMode;

/**
 * Redis consumer options, added with {@code ConsumerOptions.builder().with(...)}; the
 * mode, group and stream reset come from the generic {@code ConsumerOptions}. Defaults
 * follow the Rust implementation. Immutable and thread-safe.
 */
public final class RedisConsumerOptions implements BackendOptions {

	private static final RedisConsumerOptions DEFAULTS = builder().build();

	private final @Nullable String consumerId;

	private final AutoCommit autoCommit;

	private final Duration autoCommitDelay;

	private final Duration autoCommitInterval;

	private final @Nullable Duration autoClaimInterval;

	private final Duration autoClaimIdle;

	private final @Nullable Integer batchSize;

	private final boolean mkstream;

	private final Duration heartbeat;

	private final @Nullable Duration shardDiscoveryInterval;

	private RedisConsumerOptions(Builder builder) {
		this.consumerId = builder.consumerId;
		this.autoCommit = builder.autoCommit;
		this.autoCommitDelay = builder.autoCommitDelay;
		this.autoCommitInterval = builder.autoCommitInterval;
		this.autoClaimInterval = builder.autoClaimInterval;
		this.autoClaimIdle = builder.autoClaimIdle;
		this.batchSize = builder.batchSize;
		this.mkstream = builder.mkstream;
		this.heartbeat = builder.heartbeat;
		this.shardDiscoveryInterval = builder.shardDiscoveryInterval;
	}

	/**
	 * The defaults.
	 * @return the defaults
	 */
	public static RedisConsumerOptions defaults() {
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
	 * The consumer name in the group; by default the group name (Resumable) or a unique
	 * {@code <host_id>:<pid>:<thread>:<unix_ns>} (LoadBalanced).
	 * @return the name, if set
	 */
	public Optional<String> consumerId() {
		return Optional.ofNullable(this.consumerId);
	}

	/**
	 * When entries are acknowledged.
	 * @return the policy, {@link AutoCommit#DELAYED} by default
	 */
	public AutoCommit autoCommit() {
		return this.autoCommit;
	}

	/**
	 * How old a delivered message must be before {@link AutoCommit#DELAYED} acknowledges
	 * it.
	 * @return the delay, 5 s by default
	 */
	public Duration autoCommitDelay() {
		return this.autoCommitDelay;
	}

	/**
	 * How often queued acknowledgements are sent in the background.
	 * @return the interval, 1 s by default
	 */
	public Duration autoCommitInterval() {
		return this.autoCommitInterval;
	}

	/**
	 * How often a LoadBalanced consumer looks for idle group members whose pending
	 * entries it claims.
	 * @return the interval (30 s by default), empty for never
	 */
	public Optional<Duration> autoClaimInterval() {
		return Optional.ofNullable(this.autoClaimInterval);
	}

	/**
	 * How long a group member and its entries must have been idle before they are
	 * claimed.
	 * @return the idle time, 60 s by default
	 */
	public Duration autoClaimIdle() {
		return this.autoClaimIdle;
	}

	/**
	 * The {@code COUNT} of each read for a mode: the value set, else 10 for LoadBalanced
	 * and 100 otherwise.
	 * @param mode the consumer mode
	 * @return the batch size
	 */
	public int batchSize(ConsumerMode mode) {
		if (this.batchSize != null) {
			return this.batchSize;
		}
		return (mode == ConsumerMode.LOAD_BALANCED) ? 10 : 100;
	}

	/**
	 * Whether group creation creates missing streams ({@code MKSTREAM}).
	 * @return {@code false} by default
	 */
	public boolean mkstream() {
		return this.mkstream;
	}

	/**
	 * The {@code BLOCK} time of each read.
	 * @return the time, 10 s by default
	 */
	public Duration heartbeat() {
		return this.heartbeat;
	}

	/**
	 * How often {@code SCAN} looks for new shards of the subscribed streams while
	 * running.
	 * @return the interval (5 s by default), empty for never
	 */
	public Optional<Duration> shardDiscoveryInterval() {
		return Optional.ofNullable(this.shardDiscoveryInterval);
	}

	@Override
	public String toString() {
		return "RedisConsumerOptions{consumerId=" + this.consumerId + ", autoCommit=" + this.autoCommit
				+ ", autoCommitDelay=" + this.autoCommitDelay + ", autoCommitInterval=" + this.autoCommitInterval
				+ ", autoClaimInterval=" + this.autoClaimInterval + ", autoClaimIdle=" + this.autoClaimIdle
				+ ", batchSize=" + this.batchSize + ", mkstream=" + this.mkstream + ", heartbeat=" + this.heartbeat
				+ ", shardDiscoveryInterval=" + this.shardDiscoveryInterval + "}";
	}

	/**
	 * Builds {@link RedisConsumerOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable String consumerId;

		private AutoCommit autoCommit = AutoCommit.DELAYED;

		private Duration autoCommitDelay = Duration.ofSeconds(5);

		private Duration autoCommitInterval = Duration.ofSeconds(1);

		private @Nullable Duration autoClaimInterval = Duration.ofSeconds(30);

		private Duration autoClaimIdle = Duration.ofSeconds(60);

		private @Nullable Integer batchSize;

		private boolean mkstream;

		private Duration heartbeat = Duration.ofSeconds(10);

		private @Nullable Duration shardDiscoveryInterval = Duration.ofSeconds(5);

		private Builder() {
		}

		/**
		 * Set the consumer name.
		 * @param consumerId the name, not empty
		 * @return this builder
		 */
		public Builder consumerId(@Nullable String consumerId) {
			if (consumerId != null && consumerId.isEmpty()) {
				throw new ConfigurationException("redis consumer id must not be empty");
			}
			this.consumerId = consumerId;
			return this;
		}

		/**
		 * Set the acknowledgement policy.
		 * @param autoCommit the policy
		 * @return this builder
		 */
		public Builder autoCommit(AutoCommit autoCommit) {
			this.autoCommit = autoCommit;
			return this;
		}

		/**
		 * Set the delay of {@link AutoCommit#DELAYED}.
		 * @param delay not negative
		 * @return this builder
		 */
		public Builder autoCommitDelay(Duration delay) {
			this.autoCommitDelay = notNegative("autoCommitDelay", delay);
			return this;
		}

		/**
		 * Set the background commit interval.
		 * @param interval not negative (0 commits as soon as possible)
		 * @return this builder
		 */
		public Builder autoCommitInterval(Duration interval) {
			this.autoCommitInterval = notNegative("autoCommitInterval", interval);
			return this;
		}

		/**
		 * Set how often idle members are looked for, or {@code null} for never.
		 * @param interval positive or {@code null}
		 * @return this builder
		 */
		public Builder autoClaimInterval(@Nullable Duration interval) {
			this.autoClaimInterval = (interval != null) ? positive("autoClaimInterval", interval) : null;
			return this;
		}

		/**
		 * Set how long a member must be idle before its entries are claimed.
		 * @param idle positive
		 * @return this builder
		 */
		public Builder autoClaimIdle(Duration idle) {
			this.autoClaimIdle = positive("autoClaimIdle", idle);
			return this;
		}

		/**
		 * Set the {@code COUNT} of each read.
		 * @param batchSize at least 1
		 * @return this builder
		 */
		public Builder batchSize(int batchSize) {
			if (batchSize < 1) {
				throw new ConfigurationException("redis batchSize must be at least 1, was " + batchSize);
			}
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Create missing streams when creating the consumer group.
		 * @param mkstream whether to create them
		 * @return this builder
		 */
		public Builder mkstream(boolean mkstream) {
			this.mkstream = mkstream;
			return this;
		}

		/**
		 * Set the {@code BLOCK} time of each read; also bounds how long a claim check or
		 * a shard discovery may wait behind an idle read.
		 * @param heartbeat at least 1 ms
		 * @return this builder
		 */
		public Builder heartbeat(Duration heartbeat) {
			if (heartbeat.toMillis() < 1) {
				throw new ConfigurationException("redis heartbeat must be at least 1 ms, was " + heartbeat);
			}
			this.heartbeat = heartbeat;
			return this;
		}

		/**
		 * Set how often new shards are looked for, or {@code null} for only at creation.
		 * @param interval positive or {@code null}
		 * @return this builder
		 */
		public Builder shardDiscoveryInterval(@Nullable Duration interval) {
			this.shardDiscoveryInterval = (interval != null) ? positive("shardDiscoveryInterval", interval) : null;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public RedisConsumerOptions build() {
			return new RedisConsumerOptions(this);
		}

		private static Duration notNegative(String name, Duration value) {
			if (value.isNegative()) {
				throw new ConfigurationException("redis " + name + " must not be negative, was " + value);
			}
			return value;
		}

		private static Duration positive(String name, Duration value) {
			if (value.isNegative() || value.isZero()) {
				throw new ConfigurationException("redis " + name + " must be positive, was " + value);
			}
			return value;
		}

	}

}
