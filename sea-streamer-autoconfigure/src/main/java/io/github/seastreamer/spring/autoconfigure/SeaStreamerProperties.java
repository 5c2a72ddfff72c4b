package io.github.seastreamer.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for SeaStreamer ({@code seastreamer.*}): the default streamer,
 * named streamers, producer, consumer and listener defaults, and the options of the file,
 * Redis and Kafka backends.
 * <p>
 * Bound once at start-up; instances are not meant to change afterwards.
 */
@ConfigurationProperties("seastreamer")
public class SeaStreamerProperties {

	/**
	 * Name under which the streamer of {@code seastreamer.uri} is registered.
	 */
	public static final String DEFAULT_STREAMER = "default";

	/**
	 * URI of the default streamer; its scheme picks the backend. A host-less "redis://"
	 * or "kafka://" takes the address from Spring Boot's own Redis or Kafka connection
	 * details.
	 */
	private String uri = "file://./seastreamer.ss";

	/**
	 * Timeout for connecting and initialising each streamer; the backend's default when
	 * unset.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Time allowed for each streamer to flush and disconnect at shutdown.
	 */
	private Duration disconnectTimeout = Duration.ofSeconds(10);

	/**
	 * Named streamers, so that one application can read from one backend and write to
	 * another.
	 */
	private Map<String, Streamer> streamers = new LinkedHashMap<>();

	private final Producer producer = new Producer();

	private final Consumer consumer = new Consumer();

	private final Listener listener = new Listener();

	private final File file = new File();

	private final Redis redis = new Redis();

	private final Kafka kafka = new Kafka();

	/**
	 * URI of the default streamer.
	 * @return the URI
	 */
	public String getUri() {
		return this.uri;
	}

	/**
	 * Set the URI of the default streamer.
	 * @param uri the URI
	 */
	public void setUri(String uri) {
		this.uri = uri;
	}

	/**
	 * Timeout for connecting each streamer.
	 * @return the timeout, or {@code null} for the backend's default
	 */
	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Set the timeout for connecting each streamer.
	 * @param connectTimeout the timeout
	 */
	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Time allowed for each streamer to disconnect at shutdown.
	 * @return the timeout
	 */
	public Duration getDisconnectTimeout() {
		return this.disconnectTimeout;
	}

	/**
	 * Set the time allowed for each streamer to disconnect at shutdown.
	 * @param disconnectTimeout the timeout
	 */
	public void setDisconnectTimeout(Duration disconnectTimeout) {
		this.disconnectTimeout = disconnectTimeout;
	}

	/**
	 * Named streamers by name.
	 * @return the named streamers
	 */
	public Map<String, Streamer> getStreamers() {
		return this.streamers;
	}

	/**
	 * Set the named streamers.
	 * @param streamers the named streamers
	 */
	public void setStreamers(Map<String, Streamer> streamers) {
		this.streamers = streamers;
	}

	/**
	 * Producer defaults.
	 * @return the producer properties
	 */
	public Producer getProducer() {
		return this.producer;
	}

	/**
	 * Consumer defaults.
	 * @return the consumer properties
	 */
	public Consumer getConsumer() {
		return this.consumer;
	}

	/**
	 * Listener container defaults.
	 * @return the listener properties
	 */
	public Listener getListener() {
		return this.listener;
	}

	/**
	 * Options of the file backend.
	 * @return the file section
	 */
	public File getFile() {
		return this.file;
	}

	/**
	 * Options of the Redis backend.
	 * @return the Redis section
	 */
	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Options of the Kafka backend.
	 * @return the Kafka section
	 */
	public Kafka getKafka() {
		return this.kafka;
	}

	/**
	 * A named streamer.
	 */
	public static class Streamer {

		/**
		 * URI of this streamer; its scheme picks the backend.
		 */
		private @Nullable String uri;

		/**
		 * URI of this streamer.
		 * @return the URI
		 */
		public @Nullable String getUri() {
			return this.uri;
		}

		/**
		 * Set the URI of this streamer.
		 * @param uri the URI
		 */
		public void setUri(@Nullable String uri) {
			this.uri = uri;
		}

	}

	/**
	 * Producer defaults.
	 */
	public static class Producer {

		/**
		 * Time allowed for the producers to flush at shutdown.
		 */
		private Duration flushTimeout = Duration.ofSeconds(10);

		/**
		 * Time allowed for producers to flush at shutdown.
		 * @return the timeout
		 */
		public Duration getFlushTimeout() {
			return this.flushTimeout;
		}

		/**
		 * Set the time allowed for producers to flush at shutdown.
		 * @param flushTimeout the timeout
		 */
		public void setFlushTimeout(Duration flushTimeout) {
			this.flushTimeout = flushTimeout;
		}

	}

	/**
	 * Consumer defaults, used by listeners that do not say otherwise.
	 */
	public static class Consumer {

		/**
		 * Consumer mode of listeners.
		 */
		private ConsumerMode mode = ConsumerMode.REAL_TIME;

		/**
		 * Consumer group of resumable and load-balanced listeners; when unset each such
		 * listener uses "<spring.application.name>.<listener id>".
		 */
		private @Nullable String group;

		/**
		 * Where a listener starts when its group has no committed position.
		 */
		private StreamReset streamReset = StreamReset.LATEST;

		/**
		 * How often completed messages are committed (resumable and load-balanced
		 * listeners).
		 */
		private Duration commitInterval = Duration.ofSeconds(1);

		/**
		 * Consumer mode of listeners.
		 * @return the mode
		 */
		public ConsumerMode getMode() {
			return this.mode;
		}

		/**
		 * Set the consumer mode of listeners.
		 * @param mode the mode
		 */
		public void setMode(ConsumerMode mode) {
			this.mode = mode;
		}

		/**
		 * Consumer group of listeners.
		 * @return the group, or {@code null}
		 */
		public @Nullable String getGroup() {
			return this.group;
		}

		/**
		 * Set the consumer group of listeners.
		 * @param group the group
		 */
		public void setGroup(@Nullable String group) {
			this.group = group;
		}

		/**
		 * Where a listener starts without a committed position.
		 * @return the stream reset
		 */
		public StreamReset getStreamReset() {
			return this.streamReset;
		}

		/**
		 * Set where a listener starts without a committed position.
		 * @param streamReset the stream reset
		 */
		public void setStreamReset(StreamReset streamReset) {
			this.streamReset = streamReset;
		}

		/**
		 * How often completed messages are committed.
		 * @return the interval
		 */
		public Duration getCommitInterval() {
			return this.commitInterval;
		}

		/**
		 * Set how often completed messages are committed.
		 * @param commitInterval the interval
		 */
		public void setCommitInterval(Duration commitInterval) {
			this.commitInterval = commitInterval;
		}

	}

	/**
	 * Listener container defaults.
	 */
	public static class Listener {

		/**
		 * Number of handler invocations of one listener that may run at once.
		 */
		private int concurrency = 1;

		/**
		 * Whether messages of one stream and shard are handled in order when concurrency
		 * is above 1; when false they go to any free handler.
		 */
		private boolean ordered = true;

		/**
		 * Most messages a listener takes from its consumer before handlers have completed
		 * them; a slow handler makes the listener stop reading at this bound.
		 */
		private int maxInFlight = 256;

		/**
		 * Time allowed at shutdown for in-flight handlers to finish before the last
		 * commit.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * Whether listeners start with the application context.
		 */
		private boolean autoStartup = true;

		/**
		 * Number of handler invocations that may run at once.
		 * @return the concurrency
		 */
		public int getConcurrency() {
			return this.concurrency;
		}

		/**
		 * Set the number of handler invocations that may run at once.
		 * @param concurrency the concurrency
		 */
		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		/**
		 * Whether messages of one stream and shard are handled in order.
		 * @return whether ordered
		 */
		public boolean isOrdered() {
			return this.ordered;
		}

		/**
		 * Set whether messages of one stream and shard are handled in order.
		 * @param ordered whether ordered
		 */
		public void setOrdered(boolean ordered) {
			this.ordered = ordered;
		}

		/**
		 * Most messages taken before handlers have completed them.
		 * @return the bound
		 */
		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		/**
		 * Set the most messages taken before handlers have completed them.
		 * @param maxInFlight the bound
		 */
		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		/**
		 * Time allowed at shutdown for in-flight handlers.
		 * @return the timeout
		 */
		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		/**
		 * Set the time allowed at shutdown for in-flight handlers.
		 * @param shutdownTimeout the timeout
		 */
		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		/**
		 * Whether listeners start with the application context.
		 * @return whether they start automatically
		 */
		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		/**
		 * Set whether listeners start with the application context.
		 * @param autoStartup whether they start automatically
		 */
		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

	}

	/**
	 * Options of the file backend (seastreamer.file.*).
	 */
	public static class File {

		/**
		 * Whether the file is created when it does not exist.
		 */
		private FileCreation createFile = FileCreation.CREATE_IF_NOT_EXISTS;

		/**
		 * Whether an End-of-Stream message is written when the writer ends.
		 */
		private boolean endWithEos = false;

		/**
		 * Bytes between beacons, a positive multiple of 1024; the backend's default (1
		 * MiB) when unset.
		 */
		private @Nullable Integer beaconInterval;

		/**
		 * Largest size of the file; the backend's default (16 GiB) when unset.
		 */
		private @Nullable DataSize fileSizeLimit;

		/**
		 * Messages each consumer reads ahead; the backend's default when unset.
		 */
		private @Nullable Integer prefetchMessages;

		/**
		 * Whether consumers follow the file as it grows (like tail -f); the backend's
		 * default (true) when unset.
		 */
		private @Nullable Boolean liveStreaming;

		/**
		 * Whether the file is created when it does not exist.
		 * @return the value
		 */
		public FileCreation getCreateFile() {
			return this.createFile;
		}

		/**
		 * Set: whether the file is created when it does not exist.
		 * @param createFile the value
		 */
		public void setCreateFile(FileCreation createFile) {
			this.createFile = createFile;
		}

		/**
		 * Whether an End-of-Stream message is written when the writer ends.
		 * @return the value
		 */
		public boolean isEndWithEos() {
			return this.endWithEos;
		}

		/**
		 * Set: whether an End-of-Stream message is written when the writer ends.
		 * @param endWithEos the value
		 */
		public void setEndWithEos(boolean endWithEos) {
			this.endWithEos = endWithEos;
		}

		/**
		 * Bytes between beacons, a positive multiple of 1024; the backend's default (1
		 * MiB) when unset.
		 * @return the value
		 */
		public @Nullable Integer getBeaconInterval() {
			return this.beaconInterval;
		}

		/**
		 * Set: bytes between beacons, a positive multiple of 1024; the backend's default
		 * (1 MiB) when unset.
		 * @param beaconInterval the value
		 */
		public void setBeaconInterval(@Nullable Integer beaconInterval) {
			this.beaconInterval = beaconInterval;
		}

		/**
		 * Largest size of the file; the backend's default (16 GiB) when unset.
		 * @return the value
		 */
		public @Nullable DataSize getFileSizeLimit() {
			return this.fileSizeLimit;
		}

		/**
		 * Set: largest size of the file; the backend's default (16 GiB) when unset.
		 * @param fileSizeLimit the value
		 */
		public void setFileSizeLimit(@Nullable DataSize fileSizeLimit) {
			this.fileSizeLimit = fileSizeLimit;
		}

		/**
		 * Messages each consumer reads ahead; the backend's default when unset.
		 * @return the value
		 */
		public @Nullable Integer getPrefetchMessages() {
			return this.prefetchMessages;
		}

		/**
		 * Set: messages each consumer reads ahead; the backend's default when unset.
		 * @param prefetchMessages the value
		 */
		public void setPrefetchMessages(@Nullable Integer prefetchMessages) {
			this.prefetchMessages = prefetchMessages;
		}

		/**
		 * Whether consumers follow the file as it grows (like tail -f); the backend's
		 * default (true) when unset.
		 * @return the value
		 */
		public @Nullable Boolean getLiveStreaming() {
			return this.liveStreaming;
		}

		/**
		 * Set: whether consumers follow the file as it grows (like tail -f); the
		 * backend's default (true) when unset.
		 * @param liveStreaming the value
		 */
		public void setLiveStreaming(@Nullable Boolean liveStreaming) {
			this.liveStreaming = liveStreaming;
		}

	}

	/**
	 * Options of the Redis backend (seastreamer.redis.*).
	 */
	public static class Redis {

		/**
		 * Redis user name; the URI's user-info when unset.
		 */
		private @Nullable String username;

		/**
		 * Redis password; the URI's user-info when unset.
		 */
		private @Nullable String password;

		/**
		 * Database index to SELECT; 0 when unset.
		 */
		private @Nullable Integer database;

		/**
		 * Whether the nodes form a Redis cluster (required for several nodes).
		 */
		private @Nullable Boolean enableCluster;

		/**
		 * Name of the entry field carrying the payload; "msg" when unset.
		 */
		private @Nullable String messageField;

		/**
		 * When consumers acknowledge entries on their own; listeners commit what handlers
		 * completed, so the default here is disabled.
		 */
		private RedisAutoCommit autoCommit = RedisAutoCommit.DISABLED;

		/**
		 * Entries read per XREAD/XREADGROUP; the backend's default when unset.
		 */
		private @Nullable Integer batchSize;

		/**
		 * How often load-balanced consumers claim entries idle in other members; the
		 * backend's default when unset.
		 */
		private @Nullable Duration autoClaimInterval;

		/**
		 * How long an entry must be idle before it is claimed; the backend's default when
		 * unset.
		 */
		private @Nullable Duration autoClaimIdle;

		/**
		 * Whether listener consumers create missing streams when they create their group
		 * (MKSTREAM), so a listener can start before anything was produced.
		 */
		private boolean mkstream = true;

		/**
		 * Most entries a producer pipelines at once; the backend's default when unset.
		 */
		private @Nullable Integer maxBatchSize;

		/**
		 * Redis user name; the URI's user-info when unset.
		 * @return the value
		 */
		public @Nullable String getUsername() {
			return this.username;
		}

		/**
		 * Set: redis user name; the URI's user-info when unset.
		 * @param username the value
		 */
		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		/**
		 * Redis password; the URI's user-info when unset.
		 * @return the value
		 */
		public @Nullable String getPassword() {
			return this.password;
		}

		/**
		 * Set: redis password; the URI's user-info when unset.
		 * @param password the value
		 */
		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		/**
		 * Database index to SELECT; 0 when unset.
		 * @return the value
		 */
		public @Nullable Integer getDatabase() {
			return this.database;
		}

		/**
		 * Set: database index to SELECT; 0 when unset.
		 * @param database the value
		 */
		public void setDatabase(@Nullable Integer database) {
			this.database = database;
		}

		/**
		 * Whether the nodes form a Redis cluster (required for several nodes).
		 * @return the value
		 */
		public @Nullable Boolean getEnableCluster() {
			return this.enableCluster;
		}

		/**
		 * Set: whether the nodes form a Redis cluster (required for several nodes).
		 * @param enableCluster the value
		 */
		public void setEnableCluster(@Nullable Boolean enableCluster) {
			this.enableCluster = enableCluster;
		}

		/**
		 * Name of the entry field carrying the payload; "msg" when unset.
		 * @return the value
		 */
		public @Nullable String getMessageField() {
			return this.messageField;
		}

		/**
		 * Set: name of the entry field carrying the payload; "msg" when unset.
		 * @param messageField the value
		 */
		public void setMessageField(@Nullable String messageField) {
			this.messageField = messageField;
		}

		/**
		 * When consumers acknowledge entries on their own; listeners commit what handlers
		 * completed, so the default here is disabled.
		 * @return the value
		 */
		public RedisAutoCommit getAutoCommit() {
			return this.autoCommit;
		}

		/**
		 * Set: when consumers acknowledge entries on their own; listeners commit what
		 * handlers completed, so the default here is disabled.
		 * @param autoCommit the value
		 */
		public void setAutoCommit(RedisAutoCommit autoCommit) {
			this.autoCommit = autoCommit;
		}

		/**
		 * Entries read per XREAD/XREADGROUP; the backend's default when unset.
		 * @return the value
		 */
		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		/**
		 * Set: entries read per XREAD/XREADGROUP; the backend's default when unset.
		 * @param batchSize the value
		 */
		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

		/**
		 * How often load-balanced consumers claim entries idle in other members; the
		 * backend's default when unset.
		 * @return the value
		 */
		public @Nullable Duration getAutoClaimInterval() {
			return this.autoClaimInterval;
		}

		/**
		 * Set: how often load-balanced consumers claim entries idle in other members; the
		 * backend's default when unset.
		 * @param autoClaimInterval the value
		 */
		public void setAutoClaimInterval(@Nullable Duration autoClaimInterval) {
			this.autoClaimInterval = autoClaimInterval;
		}

		/**
		 * How long an entry must be idle before it is claimed; the backend's default when
		 * unset.
		 * @return the value
		 */
		public @Nullable Duration getAutoClaimIdle() {
			return this.autoClaimIdle;
		}

		/**
		 * Set: how long an entry must be idle before it is claimed; the backend's default
		 * when unset.
		 * @param autoClaimIdle the value
		 */
		public void setAutoClaimIdle(@Nullable Duration autoClaimIdle) {
			this.autoClaimIdle = autoClaimIdle;
		}

		/**
		 * Whether consumer groups create missing streams (MKSTREAM).
		 * @return the value
		 */
		public boolean isMkstream() {
			return this.mkstream;
		}

		/**
		 * Set: whether consumer groups create missing streams (MKSTREAM).
		 * @param mkstream the value
		 */
		public void setMkstream(boolean mkstream) {
			this.mkstream = mkstream;
		}

		/**
		 * Most entries a producer pipelines at once; the backend's default when unset.
		 * @return the value
		 */
		public @Nullable Integer getMaxBatchSize() {
			return this.maxBatchSize;
		}

		/**
		 * Set: most entries a producer pipelines at once; the backend's default when
		 * unset.
		 * @param maxBatchSize the value
		 */
		public void setMaxBatchSize(@Nullable Integer maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
		}

	}

	/**
	 * Options of the Kafka backend (seastreamer.kafka.*).
	 */
	public static class Kafka {

		/**
		 * Kafka client properties given to every producer, consumer and admin client.
		 */
		private final Map<String, String> properties = new LinkedHashMap<>();

		/**
		 * Kafka client properties given to consumers only.
		 */
		private final Map<String, String> consumerProperties = new LinkedHashMap<>();

		/**
		 * Kafka client properties given to producers only.
		 */
		private final Map<String, String> producerProperties = new LinkedHashMap<>();

		/**
		 * Security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.
		 */
		private @Nullable String securityProtocol;

		/**
		 * SASL mechanism: PLAIN, GSSAPI, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.
		 */
		private @Nullable String saslMechanism;

		/**
		 * SASL user name.
		 */
		private @Nullable String saslUsername;

		/**
		 * SASL password.
		 */
		private @Nullable String saslPassword;

		/**
		 * Partitions of topics SeaStreamer creates when missing; topics are not created
		 * by SeaStreamer when unset.
		 */
		private @Nullable Integer autoCreateTopicPartitions;

		/**
		 * Replication factor of topics SeaStreamer creates.
		 */
		private short autoCreateTopicReplicationFactor = 1;

		/**
		 * Consumer group session timeout; the backend's default when unset.
		 */
		private @Nullable Duration sessionTimeout;

		/**
		 * How often consumers send the offsets committed so far; the backend's default
		 * when unset.
		 */
		private @Nullable Duration commitInterval;

		/**
		 * Producer compression: none, gzip, snappy, lz4 or zstd.
		 */
		private @Nullable String compressionType;

		/**
		 * Kafka client properties given to every producer, consumer and admin client.
		 * @return the value
		 */
		public Map<String, String> getProperties() {
			return this.properties;
		}

		/**
		 * Kafka client properties given to consumers only.
		 * @return the value
		 */
		public Map<String, String> getConsumerProperties() {
			return this.consumerProperties;
		}

		/**
		 * Kafka client properties given to producers only.
		 * @return the value
		 */
		public Map<String, String> getProducerProperties() {
			return this.producerProperties;
		}

		/**
		 * Security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.
		 * @return the value
		 */
		public @Nullable String getSecurityProtocol() {
			return this.securityProtocol;
		}

		/**
		 * Set: security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.
		 * @param securityProtocol the value
		 */
		public void setSecurityProtocol(@Nullable String securityProtocol) {
			this.securityProtocol = securityProtocol;
		}

		/**
		 * SASL mechanism: PLAIN, GSSAPI, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.
		 * @return the value
		 */
		public @Nullable String getSaslMechanism() {
			return this.saslMechanism;
		}

		/**
		 * Set: sASL mechanism: PLAIN, GSSAPI, SCRAM-SHA-256, SCRAM-SHA-512 or
		 * OAUTHBEARER.
		 * @param saslMechanism the value
		 */
		public void setSaslMechanism(@Nullable String saslMechanism) {
			this.saslMechanism = saslMechanism;
		}

		/**
		 * SASL user name.
		 * @return the value
		 */
		public @Nullable String getSaslUsername() {
			return this.saslUsername;
		}

		/**
		 * Set: sASL user name.
		 * @param saslUsername the value
		 */
		public void setSaslUsername(@Nullable String saslUsername) {
			this.saslUsername = saslUsername;
		}

		/**
		 * SASL password.
		 * @return the value
		 */
		public @Nullable String getSaslPassword() {
			return this.saslPassword;
		}

		/**
		 * Set: sASL password.
		 * @param saslPassword the value
		 */
		public void setSaslPassword(@Nullable String saslPassword) {
			this.saslPassword = saslPassword;
		}

		/**
		 * Partitions of topics SeaStreamer creates when missing; topics are not created
		 * by SeaStreamer when unset.
		 * @return the value
		 */
		public @Nullable Integer getAutoCreateTopicPartitions() {
			return this.autoCreateTopicPartitions;
		}

		/**
		 * Set: partitions of topics SeaStreamer creates when missing; topics are not
		 * created by SeaStreamer when unset.
		 * @param autoCreateTopicPartitions the value
		 */
		public void setAutoCreateTopicPartitions(@Nullable Integer autoCreateTopicPartitions) {
			this.autoCreateTopicPartitions = autoCreateTopicPartitions;
		}

		/**
		 * Replication factor of topics SeaStreamer creates.
		 * @return the value
		 */
		public short getAutoCreateTopicReplicationFactor() {
			return this.autoCreateTopicReplicationFactor;
		}

		/**
		 * Set: replication factor of topics SeaStreamer creates.
		 * @param autoCreateTopicReplicationFactor the value
		 */
		public void setAutoCreateTopicReplicationFactor(short autoCreateTopicReplicationFactor) {
			this.autoCreateTopicReplicationFactor = autoCreateTopicReplicationFactor;
		}

		/**
		 * Consumer group session timeout; the backend's default when unset.
		 * @return the value
		 */
		public @Nullable Duration getSessionTimeout() {
			return this.sessionTimeout;
		}

		/**
		 * Set: consumer group session timeout; the backend's default when unset.
		 * @param sessionTimeout the value
		 */
		public void setSessionTimeout(@Nullable Duration sessionTimeout) {
			this.sessionTimeout = sessionTimeout;
		}

		/**
		 * How often consumers send the offsets committed so far; the backend's default
		 * when unset.
		 * @return the value
		 */
		public @Nullable Duration getCommitInterval() {
			return this.commitInterval;
		}

		/**
		 * Set: how often consumers send the offsets committed so far; the backend's
		 * default when unset.
		 * @param commitInterval the value
		 */
		public void setCommitInterval(@Nullable Duration commitInterval) {
			this.commitInterval = commitInterval;
		}

		/**
		 * Producer compression: none, gzip, snappy, lz4 or zstd.
		 * @return the value
		 */
		public @Nullable String getCompressionType() {
			return this.compressionType;
		}

		/**
		 * Set: producer compression: none, gzip, snappy, lz4 or zstd.
		 * @param compressionType the value
		 */
		public void setCompressionType(@Nullable String compressionType) {
			this.compressionType = compressionType;
		}

	}

	/**
	 * Whether the file backend creates its file.
	 */
	public enum FileCreation {

		/** The file must exist. */
		NEVER,

		/** Create an empty file when there is none. */
		CREATE_IF_NOT_EXISTS,

		/** Create the file; fail if it exists. */
		ALWAYS

	}

	/**
	 * When Redis consumers acknowledge entries on their own.
	 */
	public enum RedisAutoCommit {

		/** Acknowledged as read (NOACK): at-most-once. */
		IMMEDIATE,

		/** Acknowledged a delay after delivery, processed or not. */
		DELAYED,

		/** Only what is committed, in background batches. */
		ROLLING,

		/** Only what is committed, at once. */
		DISABLED

	}

}
