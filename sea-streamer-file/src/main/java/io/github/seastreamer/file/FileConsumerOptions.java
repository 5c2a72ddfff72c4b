package io.github.seastreamer.file;

import io.github.seastreamer.BackendOptions;

/**
 * Options of file consumers, given with
 * {@code ConsumerOptions.builder().with(FileConsumerOptions.builder()...build())}.
 *
 * <p>
 * Immutable and thread-safe.
 */
public final class FileConsumerOptions implements BackendOptions {

	private final boolean liveStreaming;

	private final OnCorruption onCorruption;

	private FileConsumerOptions(Builder builder) {
		this.liveStreaming = builder.liveStreaming;
		this.onCorruption = builder.onCorruption;
	}

	/**
	 * The default options: live, fail on corruption.
	 * @return defaults
	 */
	public static FileConsumerOptions defaults() {
		return builder().build();
	}

	/**
	 * A builder with default values.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether the consumer follows the file as it grows ({@code tail -f}); otherwise it
	 * replays the file and ends at its end with
	 * {@link io.github.seastreamer.StreamEndedException}.
	 * @return {@code true} to follow
	 */
	public boolean liveStreaming() {
		return this.liveStreaming;
	}

	/**
	 * What the consumer does when it meets damaged bytes.
	 * @return the policy
	 */
	public OnCorruption onCorruption() {
		return this.onCorruption;
	}

	@Override
	public String toString() {
		return "FileConsumerOptions{liveStreaming=" + this.liveStreaming + ", onCorruption=" + this.onCorruption + "}";
	}

	/**
	 * What to do with damaged bytes.
	 */
	public enum OnCorruption {

		/**
		 * Deliver the error (naming the offset) after the intact messages; end the
		 * stream.
		 */
		FAIL,

		/**
		 * Log the damage (offset and problem, at WARN) and go on from the next intact
		 * beacon; the messages between are not delivered.
		 */
		SKIP_TO_NEXT_BEACON

	}

	/**
	 * Builds {@link FileConsumerOptions}.
	 */
	public static final class Builder {

		private boolean liveStreaming = true;

		private OnCorruption onCorruption = OnCorruption.FAIL;

		private Builder() {
		}

		/**
		 * Set whether to follow the file (default yes).
		 * @param liveStreaming whether to follow
		 * @return this builder
		 */
		public Builder liveStreaming(boolean liveStreaming) {
			this.liveStreaming = liveStreaming;
			return this;
		}

		/**
		 * Set what to do with damaged bytes (default fail).
		 * @param onCorruption the policy
		 * @return this builder
		 */
		public Builder onCorruption(OnCorruption onCorruption) {
			this.onCorruption = onCorruption;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public FileConsumerOptions build() {
			return new FileConsumerOptions(this);
		}

	}

}
