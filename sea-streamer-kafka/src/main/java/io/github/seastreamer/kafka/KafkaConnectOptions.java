package io.github.seastreamer.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.UriMasking;

/**
 * Kafka connection options, added to {@code ConnectOptions} with
 * {@code ConnectOptions.builder().with(KafkaConnectOptions.builder()...build())}:
 * security protocol, SASL credentials, topic auto-creation, and any Kafka client
 * property.
 *
 * <p>
 * Every property derived here is given to producers, consumers and the admin client;
 * {@link Builder#clientProperty client properties} are applied last, in insertion order,
 * and win. The SASL password and any property whose name contains {@code password} or
 * {@code jaas} are masked by {@link #toString()}. Immutable and thread-safe.
 */
public final class KafkaConnectOptions implements BackendOptions {

	private static final KafkaConnectOptions DEFAULTS = builder().build();

	private final @Nullable Duration timeout;

	private final @Nullable SecurityProtocol securityProtocol;

	private final @Nullable SaslMechanism saslMechanism;

	private final @Nullable String saslUsername;

	private final @Nullable String saslPassword;

	private final Map<String, String> clientProperties;

	private final boolean autoCreateTopics;

	private final int topicPartitions;

	private final short topicReplicationFactor;

	private KafkaConnectOptions(Builder builder) {
		this.timeout = builder.timeout;
		this.securityProtocol = builder.securityProtocol;
		this.saslMechanism = builder.saslMechanism;
		this.saslUsername = builder.saslUsername;
		this.saslPassword = builder.saslPassword;
		this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.clientProperties));
		this.autoCreateTopics = builder.autoCreateTopics;
		this.topicPartitions = builder.topicPartitions;
		this.topicReplicationFactor = builder.topicReplicationFactor;
	}

	/**
	 * The defaults: nothing set, topics not created by SeaStreamer.
	 * @return the defaults
	 */
	public static KafkaConnectOptions defaults() {
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
	 * The time allowed for the connection check of {@code connect} (5 seconds if unset),
	 * also given to the clients as {@code socket.connection.setup.timeout.ms}.
	 * @return the timeout, if set
	 */
	public Optional<Duration> timeout() {
		return Optional.ofNullable(this.timeout);
	}

	/**
	 * The security protocol ({@code security.protocol}).
	 * @return the protocol, if set
	 */
	public Optional<SecurityProtocol> securityProtocol() {
		return Optional.ofNullable(this.securityProtocol);
	}

	/**
	 * The SASL mechanism ({@code sasl.mechanism}).
	 * @return the mechanism, if set
	 */
	public Optional<SaslMechanism> saslMechanism() {
		return Optional.ofNullable(this.saslMechanism);
	}

	/**
	 * The SASL user name.
	 * @return the user name, if set
	 */
	public Optional<String> saslUsername() {
		return Optional.ofNullable(this.saslUsername);
	}

	/**
	 * The client properties given with {@link Builder#clientProperty}, in insertion
	 * order.
	 * @return the properties
	 */
	public Map<String, String> clientProperties() {
		return this.clientProperties;
	}

	/**
	 * Whether producers and consumers create missing topics through the admin client.
	 * @return whether topics are created
	 */
	public boolean autoCreateTopics() {
		return this.autoCreateTopics;
	}

	/**
	 * The partition count of created topics; {@code -1} for the broker's default.
	 * @return the partition count
	 */
	public int topicPartitions() {
		return this.topicPartitions;
	}

	/**
	 * The replication factor of created topics; {@code -1} for the broker's default.
	 * @return the replication factor
	 */
	public short topicReplicationFactor() {
		return this.topicReplicationFactor;
	}

	/**
	 * The Kafka client properties these options stand for, in the order applied.
	 * @return a new mutable map; contains the password, never log it
	 */
	Map<String, Object> toClientProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.timeout != null) {
			properties.put("socket.connection.setup.timeout.ms", Long.toString(this.timeout.toMillis()));
		}
		if (this.securityProtocol != null) {
			properties.put("security.protocol", this.securityProtocol.name());
		}
		if (this.saslMechanism != null) {
			properties.put("sasl.mechanism", this.saslMechanism.propertyValue());
			String module = this.saslMechanism.loginModule();
			if (module != null && this.saslUsername != null && this.saslPassword != null) {
				properties.put("sasl.jaas.config", module + " required username=\"" + escape(this.saslUsername)
						+ "\" password=\"" + escape(this.saslPassword) + "\";");
			}
		}
		properties.putAll(this.clientProperties);
		return properties;
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	static boolean isSecret(String propertyName) {
		String name = propertyName.toLowerCase(Locale.ROOT);
		return name.contains("password") || name.contains("jaas") || name.contains("secret");
	}

	/**
	 * A copy of a property map where secret values are masked, for logs and errors.
	 * @param properties the properties
	 * @return the masked copy
	 */
	static Map<String, Object> masked(Map<String, ?> properties) {
		Map<String, Object> masked = new LinkedHashMap<>();
		properties.forEach((k, v) -> masked.put(k, isSecret(k) ? UriMasking.MASK : v));
		return masked;
	}

	@Override
	public String toString() {
		return "KafkaConnectOptions{timeout=" + this.timeout + ", securityProtocol=" + this.securityProtocol
				+ ", saslMechanism=" + this.saslMechanism + ", saslUsername=" + this.saslUsername + ", saslPassword="
				+ ((this.saslPassword != null) ? UriMasking.MASK : null) + ", clientProperties="
				+ masked(this.clientProperties) + ", autoCreateTopics=" + this.autoCreateTopics + ", topicPartitions="
				+ this.topicPartitions + ", topicReplicationFactor=" + this.topicReplicationFactor + "}";
	}

	/**
	 * The Kafka security protocols.
	 */
	public enum SecurityProtocol {

		/** No encryption, no authentication. */
		PLAINTEXT,

		/** TLS. */
		SSL,

		/** SASL authentication without encryption. */
		SASL_PLAINTEXT,

		/** SASL authentication over TLS. */
		SASL_SSL

	}

	/**
	 * The SASL mechanisms.
	 */
	public enum SaslMechanism {

		/** User name and password in clear (use with TLS). */
		PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),

		/** Kerberos; configure {@code sasl.jaas.config} as a client property. */
		GSSAPI("GSSAPI", null),

		/** SCRAM with SHA-256. */
		SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),

		/** SCRAM with SHA-512. */
		SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),

		/** OAuth bearer tokens; configure the login callback as client properties. */
		OAUTHBEARER("OAUTHBEARER", null);

		private final String propertyValue;

		private final @Nullable String loginModule;

		SaslMechanism(String propertyValue, @Nullable String loginModule) {
			this.propertyValue = propertyValue;
			this.loginModule = loginModule;
		}

		/**
		 * The value of {@code sasl.mechanism}.
		 * @return the value, such as {@code SCRAM-SHA-256}
		 */
		public String propertyValue() {
			return this.propertyValue;
		}

		@Nullable String loginModule() {
			return this.loginModule;
		}

	}

	/**
	 * Builds {@link KafkaConnectOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable Duration timeout;

		private @Nullable SecurityProtocol securityProtocol;

		private @Nullable SaslMechanism saslMechanism;

		private @Nullable String saslUsername;

		private @Nullable String saslPassword;

		private final Map<String, String> clientProperties = new LinkedHashMap<>();

		private boolean autoCreateTopics;

		private int topicPartitions = -1;

		private short topicReplicationFactor = -1;

		private Builder() {
		}

		/**
		 * Set the connection check timeout.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new ConfigurationException("kafka timeout must be positive, was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the security protocol.
		 * @param securityProtocol the protocol
		 * @return this builder
		 */
		public Builder securityProtocol(SecurityProtocol securityProtocol) {
			this.securityProtocol = securityProtocol;
			return this;
		}

		/**
		 * Set SASL credentials; for {@code PLAIN} and {@code SCRAM-*} they become the
		 * {@code sasl.jaas.config} of the matching login module.
		 * @param mechanism the mechanism
		 * @param username the user name
		 * @param password the password
		 * @return this builder
		 */
		public Builder sasl(SaslMechanism mechanism, String username, String password) {
			this.saslMechanism = mechanism;
			this.saslUsername = username;
			this.saslPassword = password;
			return this;
		}

		/**
		 * Set any Kafka client property (applied last, wins over derived ones).
		 * @param name the property name, such as {@code ssl.truststore.location}
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
		 * Create missing topics through the admin client before producing to or consuming
		 * from them.
		 * @param partitions the partition count, or {@code -1} for the broker's default
		 * @param replicationFactor the replication factor, or {@code -1} for the broker's
		 * default
		 * @return this builder
		 */
		public Builder autoCreateTopics(int partitions, int replicationFactor) {
			if (partitions == 0 || partitions < -1) {
				throw new ConfigurationException("kafka topic partitions must be positive or -1, was " + partitions);
			}
			if (replicationFactor == 0 || replicationFactor < -1 || replicationFactor > Short.MAX_VALUE) {
				throw new ConfigurationException(
						"kafka topic replication factor must be positive or -1, was " + replicationFactor);
			}
			this.autoCreateTopics = true;
			this.topicPartitions = partitions;
			this.topicReplicationFactor = (short) replicationFactor;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public KafkaConnectOptions build() {
			return new KafkaConnectOptions(this);
		}

	}

}
