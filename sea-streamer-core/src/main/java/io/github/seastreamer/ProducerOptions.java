package io.github.seastreamer;

import java.util.Optional;

/**
 * Options for a producer: typed backend options only (no generic fields).
 */
public final class ProducerOptions {

	private static final ProducerOptions DEFAULTS = builder().build();

	private final Extensions extensions;

	private ProducerOptions(Builder builder) {
		this.extensions = builder.extensions;
	}

	/**
	 * The default options.
	 * @return defaults
	 */
	public static ProducerOptions defaults() {
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
		builder.extensions = this.extensions;
		return builder;
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
		return "ProducerOptions{extensions=" + this.extensions + "}";
	}

	/**
	 * Builds {@link ProducerOptions}.
	 */
	public static final class Builder {

		private Extensions extensions = Extensions.EMPTY;

		private Builder() {
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
		public ProducerOptions build() {
			return new ProducerOptions(this);
		}

	}

}
