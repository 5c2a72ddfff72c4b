package io.github.seastreamer.redis;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.UriMasking;

/**
 * Redis connection options, added to {@code ConnectOptions} with
 * {@code ConnectOptions.builder().with(RedisConnectOptions.builder()...build())}.
 *
 * <p>
 * Credentials may also come from the URI's user-info ({@code redis://user:secret@host});
 * values set here win. The password is never shown by {@link #toString()}. Immutable and
 * thread-safe.
 */
public final class RedisConnectOptions implements BackendOptions {

	/** The default name of the entry field holding the payload. */
	public static final String DEFAULT_MESSAGE_FIELD = "msg";

	private static final RedisConnectOptions DEFAULTS = builder().build();

	private final @Nullable String username;

	private final @Nullable String password;

	private final int database;

	private final boolean enableCluster;

	private final boolean disableHostnameVerification;

	private final String messageField;

	private RedisConnectOptions(Builder builder) {
		this.username = builder.username;
		this.password = builder.password;
		this.database = builder.database;
		this.enableCluster = builder.enableCluster;
		this.disableHostnameVerification = builder.disableHostnameVerification;
		this.messageField = builder.messageField;
	}

	/**
	 * The defaults: no credentials, database 0, field {@code msg}.
	 * @return the defaults
	 */
	public static RedisConnectOptions defaults() {
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
	 * The user name for {@code AUTH}.
	 * @return the user name, if set
	 */
	public Optional<String> username() {
		return Optional.ofNullable(this.username);
	}

	/**
	 * The password for {@code AUTH}.
	 * @return the password, if set
	 */
	public Optional<String> password() {
		return Optional.ofNullable(this.password);
	}

	/**
	 * The database selected on every connection.
	 * @return the database number
	 */
	public int database() {
		return this.database;
	}

	/**
	 * Whether several nodes may be given (see the module documentation for what this
	 * implementation does with them).
	 * @return whether cluster mode is enabled
	 */
	public boolean enableCluster() {
		return this.enableCluster;
	}

	/**
	 * Whether TLS connections ({@code rediss://}) accept any certificate and host name.
	 * @return whether verification is disabled
	 */
	public boolean disableHostnameVerification() {
		return this.disableHostnameVerification;
	}

	/**
	 * The entry field holding the payload.
	 * @return the field name, {@code msg} by default
	 */
	public String messageField() {
		return this.messageField;
	}

	@Override
	public String toString() {
		return "RedisConnectOptions{username=" + this.username + ", password="
				+ ((this.password != null) ? UriMasking.MASK : null) + ", database=" + this.database
				+ ", enableCluster=" + this.enableCluster + ", disableHostnameVerification="
				+ this.disableHostnameVerification + ", messageField=" + this.messageField + "}";
	}

	/**
	 * Builds {@link RedisConnectOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable String username;

		private @Nullable String password;

		private int database;

		private boolean enableCluster;

		private boolean disableHostnameVerification;

		private String messageField = DEFAULT_MESSAGE_FIELD;

		private Builder() {
		}

		/**
		 * Set the user name.
		 * @param username the user name
		 * @return this builder
		 */
		public Builder username(@Nullable String username) {
			this.username = username;
			return this;
		}

		/**
		 * Set the password.
		 * @param password the password
		 * @return this builder
		 */
		public Builder password(@Nullable String password) {
			this.password = password;
			return this;
		}

		/**
		 * Set the database.
		 * @param database the database number, not negative
		 * @return this builder
		 */
		public Builder database(int database) {
			if (database < 0) {
				throw new ConfigurationException("redis database must not be negative, was " + database);
			}
			this.database = database;
			return this;
		}

		/**
		 * Allow several nodes in the URI.
		 * @param enableCluster whether to allow them
		 * @return this builder
		 */
		public Builder enableCluster(boolean enableCluster) {
			this.enableCluster = enableCluster;
			return this;
		}

		/**
		 * Accept any TLS certificate and host name ({@code rediss://} only).
		 * @param disable whether to disable verification
		 * @return this builder
		 */
		public Builder disableHostnameVerification(boolean disable) {
			this.disableHostnameVerification = disable;
			return this;
		}

		/**
		 * Set the entry field holding the payload; every reader and writer of a stream
		 * must agree on it.
		 * @param messageField the field name, not empty
		 * @return this builder
		 */
		public Builder messageField(String messageField) {
			if (messageField.isEmpty()) {
				throw new ConfigurationException("redis message field must not be empty");
			}
			this.messageField = messageField;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public RedisConnectOptions build() {
			return new RedisConnectOptions(this);
		}

	}

}
