package io.github.seastreamer;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Options for a consumer: mode, consumer group, stream reset, and typed backend options.
 */
public final class ConsumerOptions {

	private static final ConsumerOptions DEFAULTS = builder().build();

	private final ConsumerMode mode;

	private final @Nullable String group;

	private final StreamReset streamReset;

	private final Extensions extensions;

	private ConsumerOptions(Builder builder) {
		this.mode = builder.mode;
		this.group = builder.group;
		this.streamReset = builder.streamReset;
		this.extensions = builder.extensions;
	}

	/**
	 * The default options: real-time, no group, latest.
	 * @return defaults
	 */
	public static ConsumerOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Options for a mode, otherwise default.
	 * @param mode the mode
	 * @return the options
	 */
	public static ConsumerOptions of(ConsumerMode mode) {
		return builder().mode(mode).build();
	}

	/**
	 * A builder with default values.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder starting from these options.
	 * @return a builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.mode = this.mode;
		builder.group = this.group;
		builder.streamReset = this.streamReset;
		builder.extensions = this.extensions;
		return builder;
	}

	/**
	 * The mode.
	 * @return the mode
	 */
	public ConsumerMode mode() {
		return this.mode;
	}

	/**
	 * The consumer group, if set.
	 * @return the group
	 */
	public Optional<String> group() {
		return Optional.ofNullable(this.group);
	}

	/**
	 * The consumer group.
	 * @return the group
	 * @throws SeaStreamerException of kind {@link ErrorKind#CONSUMER_GROUP_NOT_SET} if
	 * unset
	 */
	public String requireGroup() {
		if (this.group == null) {
			throw new SeaStreamerException(ErrorKind.CONSUMER_GROUP_NOT_SET,
					"mode " + this.mode + " requires a consumer group");
		}
		return this.group;
	}

	/**
	 * The consumer group these options stand for in a group operation (lag, moving the
	 * group): the group, or in {@link ConsumerMode#RESUMABLE} mode without one the
	 * backend's default group of resumable consumers.
	 * @param resumableDefault the backend's default group of resumable consumers
	 * @return the group
	 * @throws SeaStreamerException of kind {@link ErrorKind#CONSUMER_GROUP_NOT_SET} in
	 * {@link ConsumerMode#REAL_TIME} mode, which has no group, or in
	 * {@link ConsumerMode#LOAD_BALANCED} mode without a group
	 */
	public String groupOrDefault(String resumableDefault) {
		if (this.mode == ConsumerMode.REAL_TIME) {
			throw new SeaStreamerException(ErrorKind.CONSUMER_GROUP_NOT_SET,
					"a REAL_TIME consumer has no group; use RESUMABLE or LOAD_BALANCED");
		}
		if (this.mode == ConsumerMode.RESUMABLE && this.group == null) {
			return resumableDefault;
		}
		return requireGroup();
	}

	/**
	 * Where to start without a prior position.
	 * @return the reset
	 */
	public StreamReset streamReset() {
		return this.streamReset;
	}

	/**
	 * The options of one backend.
	 * @param <T> the options type
	 * @param type the options class
	 * @return the options, if given
	 */
	public <T extends BackendOptions> Optional<T> extension(Class<T> type) {
		return this.extensions.get(type);
	}

	@Override
	public String toString() {
		return "ConsumerOptions{mode=" + this.mode + ", group=" + this.group + ", streamReset=" + this.streamReset
				+ ", extensions=" + this.extensions + "}";
	}

	/**
	 * Builds {@link ConsumerOptions}.
	 */
	public static final class Builder {

		private ConsumerMode mode = ConsumerMode.REAL_TIME;

		private @Nullable String group;

		private StreamReset streamReset = StreamReset.LATEST;

		private Extensions extensions = Extensions.EMPTY;

		private Builder() {
		}

		/**
		 * Set the mode (default real-time).
		 * @param mode the mode
		 * @return this builder
		 */
		public Builder mode(ConsumerMode mode) {
			this.mode = Objects.requireNonNull(mode, "mode");
			return this;
		}

		/**
		 * Set the consumer group (default none).
		 * @param group the group, or {@code null} for none
		 * @return this builder
		 */
		public Builder group(@Nullable String group) {
			if (group != null && group.isEmpty()) {
				throw new ConfigurationException("consumer group must not be empty");
			}
			this.group = group;
			return this;
		}

		/**
		 * Set where to start without a prior position (default latest).
		 * @param streamReset the reset
		 * @return this builder
		 */
		public Builder streamReset(StreamReset streamReset) {
			this.streamReset = Objects.requireNonNull(streamReset, "streamReset");
			return this;
		}

		/**
		 * Add (or replace) one backend's options.
		 * @param options the options
		 * @return this builder
		 */
		public Builder with(BackendOptions options) {
			this.extensions = this.extensions.with(options);
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public ConsumerOptions build() {
			return new ConsumerOptions(this);
		}

	}

}
