package io.github.seastreamer.file;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;

/**
 * Options of the file backend for {@code SeaStreamer.connect}, given with
 * {@code ConnectOptions.builder().with(FileConnectOptions.builder()...build())}.
 *
 * <p>
 * Immutable and thread-safe. Unlike the Rust backend, the default {@link CreateFile} is
 * {@link CreateFile#CREATE_IF_NOT_EXISTS}: connecting creates a missing file (empty, as
 * {@code touch} leaves it), and the first producer writes its header.
 */
public final class FileConnectOptions implements BackendOptions {

	/** The default beacon interval, 1 MiB. */
	public static final int DEFAULT_BEACON_INTERVAL = 1024 * 1024;

	/** The default file size limit, 16 GiB. */
	public static final long DEFAULT_FILE_SIZE_LIMIT = 16L * 1024 * 1024 * 1024;

	private final CreateFile createFile;

	private final boolean endWithEos;

	private final int beaconInterval;

	private final long fileSizeLimit;

	private final int prefetchMessages;

	private FileConnectOptions(Builder builder) {
		this.createFile = builder.createFile;
		this.endWithEos = builder.endWithEos;
		this.beaconInterval = builder.beaconInterval;
		this.fileSizeLimit = builder.fileSizeLimit;
		this.prefetchMessages = builder.prefetchMessages;
	}

	/**
	 * The default options.
	 * @return defaults
	 */
	public static FileConnectOptions defaults() {
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
	 * Whether and how the file is created on connect.
	 * @return the policy
	 */
	public CreateFile createFile() {
		return this.createFile;
	}

	/**
	 * Whether the writer ends the file with an End-of-Stream message when it closes (on
	 * {@code disconnect()}, or when its last producer ends).
	 * @return {@code true} to write End-of-Stream
	 */
	public boolean endWithEos() {
		return this.endWithEos;
	}

	/**
	 * The beacon interval of new files (an existing file keeps its own).
	 * @return bytes, a multiple of 1024
	 */
	public int beaconInterval() {
		return this.beaconInterval;
	}

	/**
	 * The largest size the writer lets the file grow to.
	 * @return bytes
	 */
	public long fileSizeLimit() {
		return this.fileSizeLimit;
	}

	/**
	 * How many messages each consumer buffers ahead of {@code next()}.
	 * @return the count
	 */
	public int prefetchMessages() {
		return this.prefetchMessages;
	}

	@Override
	public String toString() {
		return "FileConnectOptions{createFile=" + this.createFile + ", endWithEos=" + this.endWithEos
				+ ", beaconInterval=" + this.beaconInterval + ", fileSizeLimit=" + this.fileSizeLimit
				+ ", prefetchMessages=" + this.prefetchMessages + "}";
	}

	/**
	 * Whether connecting creates the file.
	 */
	public enum CreateFile {

		/** The file must exist. */
		NEVER,

		/** Create an empty file if there is none (the default). */
		CREATE_IF_NOT_EXISTS,

		/** Create the file; fail if it exists. */
		ALWAYS

	}

	/**
	 * Builds {@link FileConnectOptions}.
	 */
	public static final class Builder {

		private CreateFile createFile = CreateFile.CREATE_IF_NOT_EXISTS;

		private boolean endWithEos;

		private int beaconInterval = DEFAULT_BEACON_INTERVAL;

		private long fileSizeLimit = DEFAULT_FILE_SIZE_LIMIT;

		private int prefetchMessages = 1000;

		private Builder() {
		}

		/**
		 * Set whether connecting creates the file (default create if absent).
		 * @param createFile the policy
		 * @return this builder
		 */
		public Builder createFile(CreateFile createFile) {
			this.createFile = createFile;
			return this;
		}

		/**
		 * Set whether the writer ends the file with End-of-Stream (default no).
		 * @param endWithEos whether to
		 * @return this builder
		 */
		public Builder endWithEos(boolean endWithEos) {
			this.endWithEos = endWithEos;
			return this;
		}

		/**
		 * Set the beacon interval of new files (default 1 MiB).
		 * @param beaconInterval bytes, a positive multiple of 1024
		 * @return this builder
		 * @throws ConfigurationException if it is not a positive multiple of 1024
		 */
		public Builder beaconInterval(int beaconInterval) {
			if (beaconInterval <= 0 || beaconInterval % 1024 != 0) {
				throw new ConfigurationException("Please choose a 'better aligned' beacon interval: " + beaconInterval
						+ " is not a positive multiple of 1024");
			}
			this.beaconInterval = beaconInterval;
			return this;
		}

		/**
		 * Set the file size limit (default 16 GiB).
		 * @param fileSizeLimit bytes, more than 128
		 * @return this builder
		 */
		public Builder fileSizeLimit(long fileSizeLimit) {
			if (fileSizeLimit <= 128) {
				throw new ConfigurationException("file size limit must exceed 128 bytes, was " + fileSizeLimit);
			}
			this.fileSizeLimit = fileSizeLimit;
			return this;
		}

		/**
		 * Set how many messages each consumer buffers (default 1000).
		 * @param prefetchMessages at least 1
		 * @return this builder
		 */
		public Builder prefetchMessages(int prefetchMessages) {
			if (prefetchMessages < 1) {
				throw new ConfigurationException("prefetch must be at least 1, was " + prefetchMessages);
			}
			this.prefetchMessages = prefetchMessages;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public FileConnectOptions build() {
			return new FileConnectOptions(this);
		}

	}

}
