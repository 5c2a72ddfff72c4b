package io.github.seastreamer;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Options for {@link SeaStreamer#connect}: a timeout and typed backend options.
 */
public final class ConnectOptions {

	private static final ConnectOptions DEFAULTS = builder().build();

	private final @Nullable Duration timeout;

	private final Extensions extensions;

	private ConnectOptions(Builder builder) {
		this.timeout = builder.timeout;
		this.extensions = builder.extensions;
	}

	/**
	 * The default options.
	 * @return defaults
	 */
	public static ConnectOptions defaults() {
		return DEFAULTS;
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
		builder.timeout = this.timeout;
		builder.extensions = this.extensions;
		return builder;
	}

	/**
	 * The timeout for connecting and initialising, if set.
	 * @return the timeout
	 */
	public Optional<Duration> timeout() {
		return Optional.ofNullable(this.timeout);
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
		return "ConnectOptions{timeout=" + this.timeout + ", extensions=" + this.extensions + "}";
	}

	/**
	 * Builds {@link ConnectOptions}.
	 */
	public static final class Builder {

		private @Nullable Duration timeout;

		private Extensions extensions = Extensions.EMPTY;

		private Builder() {
		}

		/**
		 * Set the timeout for connecting and initialising.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new ConfigurationException("timeout must be positive, was " + timeout);
			}
			this.timeout = timeout;
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
		public ConnectOptions build() {
			return new ConnectOptions(this);
		}

	}

}
