package io.github.seastreamer.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.Capability;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConnectionException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.StreamerNode;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spi.DeliveryExecutor;

/**
 * The Kafka streamer: producers and consumers on the official Java client, created
 * through Spring for Apache Kafka's {@link DefaultKafkaProducerFactory} (transactional
 * producers; a plain producer is a {@code KafkaProducer} built from the same properties,
 * without the factory's per-send wrapper) and {@link DefaultKafkaConsumerFactory}.
 *
 * <p>
 * Three ways in: {@link #connect(StreamerUri, ConnectOptions)} (what
 * {@code SeaStreamer.connect("kafka://host:9092")} calls), {@link #fromProperties} with
 * Kafka client properties, and {@link #fromFactories} with a Spring application's
 * producer and consumer factories (for example Spring Boot's, so {@code spring.kafka.*}
 * and {@code KafkaConnectionDetails} apply): their configuration properties are used as
 * they are, except that keys and values are always byte arrays, SeaStreamer manages
 * commits ({@code enable.auto.commit=false}) and each mode sets the group (below).
 * Factory listeners and post-processors are not copied.
 *
 * <p>
 * Consumer modes: {@code REAL_TIME} reads every partition of its topics without a group
 * (so every real-time consumer sees every message; new partitions are picked up every
 * {@link KafkaConsumerOptions#partitionDiscoveryInterval()} and read from their
 * beginning); a group is rejected. {@code RESUMABLE} reads every partition too, and
 * commits to a durable group: the one given, else {@code <host id>r}.
 * {@code LOAD_BALANCED} requires a group and shares partitions with Kafka's group
 * protocol; on revocation it commits what was marked done and drops what is buffered for
 * the revoked partitions, so a rebalance re-delivers at most the uncommitted window.
 * {@code commit(header)} means "this message is done": offset + 1 is committed.
 *
 * <p>
 * {@code rewind} and {@code seek} apply to the partitions assigned when they run (for a
 * load-balanced consumer: those the group gave it so far) and complete once the new
 * positions are fixed; {@code rewind(At(n))} goes to offset n inclusive; {@code seek}
 * goes, per partition, to the first offset whose timestamp is at or after the time (the
 * end if none). {@code assign}/{@code unassign} take effect at once on real-time and
 * resumable consumers and are unsupported on load-balanced ones. Receipts carry the
 * partition, the offset and the record's timestamp (the one consumers see).
 *
 * <p>
 * Creating producers and consumers does no I/O on the caller's thread. Thread-safe.
 */
public final class KafkaStreamer implements io.github.seastreamer.Streamer, io.github.seastreamer.GroupLagReporter,
		io.github.seastreamer.GroupRepositioner {

	/** The scheme and backend name. */
	public static final String BACKEND = "kafka";

	/** Kafka's default port (not applied automatically). */
	public static final int DEFAULT_PORT = 9092;

	/** The default time allowed for the connection check. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(KafkaStreamer.class);

	private static final Set<Capability> CAPABILITIES = Collections
		.unmodifiableSet(EnumSet.of(Capability.BINARY_PAYLOAD, Capability.PERSISTENT, Capability.RESUMABLE,
				Capability.LOAD_BALANCED, Capability.COMMIT, Capability.SEEK, Capability.REWIND, Capability.SHARDS,
				Capability.ASSIGN, Capability.RECEIPT_SEQUENCE, Capability.ATTRIBUTES));

	private static final Map<String, Object> DEFAULT_PRODUCER_PROPERTIES = Map.of(ProducerConfig.ACKS_CONFIG, "all",
			ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.BATCH_SIZE_CONFIG, "65536");

	private final StreamerUri uri;

	private final Map<String, Object> producerBase;

	private final Map<String, Object> consumerBase;

	private final KafkaConnectOptions connectOptions;

	private final Admin admin;

	private final Set<KafkaStreamProducer> producers = ConcurrentHashMap.newKeySet();

	private final Set<KafkaStreamConsumer> consumers = ConcurrentHashMap.newKeySet();

	private final Set<String> ensuredTopics = ConcurrentHashMap.newKeySet();

	private volatile boolean disconnected;

	private KafkaStreamer(StreamerUri uri, Map<String, Object> producerBase, Map<String, Object> consumerBase,
			Map<String, Object> adminProperties, ConnectOptions options) {
		this.uri = uri;
		this.producerBase = producerBase;
		this.consumerBase = consumerBase;
		this.connectOptions = options.extension(KafkaConnectOptions.class).orElse(KafkaConnectOptions.defaults());
		Duration timeout = this.connectOptions.timeout().or(options::timeout).orElse(DEFAULT_CONNECT_TIMEOUT);
		Admin client;
		try {
			client = Admin.create(adminProperties);
		}
		catch (RuntimeException ex) {
			throw new ConfigurationException("invalid Kafka client configuration for " + uri.toMaskedUriString() + ": "
					+ ex.getMessage() + " (properties " + KafkaConnectOptions.masked(adminProperties) + ")", ex);
		}
		try {
			String clusterId = client.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (clusterId == null) {
				throw new IllegalStateException("no cluster id");
			}
		}
		catch (Exception ex) {
			client.close(Duration.ZERO);
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new ConnectionException("Failed to connect to streamer " + uri.toMaskedUriString() + " within "
					+ timeout.toMillis() + " ms: " + ex, ex);
		}
		this.admin = client;
	}

	/**
	 * Connect to the cluster of a {@code kafka://} URI: {@code bootstrap.servers} is the
	 * nodes without scheme, joined by commas; security and other client properties come
	 * from {@link KafkaConnectOptions}. Checks, within the connect timeout (5 seconds
	 * unless set), that the cluster answers.
	 * @param uri the URI; its nodes must not carry credentials (use
	 * {@link KafkaConnectOptions.Builder#sasl})
	 * @param options the options
	 * @return the streamer
	 * @throws ConnectionException if the cluster does not answer in time
	 * @throws ConfigurationException if the URI or options are invalid
	 */
	public static KafkaStreamer connect(StreamerUri uri, ConnectOptions options) {
		List<String> servers = new ArrayList<>();
		for (StreamerNode node : uri.nodes()) {
			if (node.scheme().isPresent() && !BACKEND.equals(node.scheme().get())) {
				throw new ConfigurationException("not a kafka:// node: " + node);
			}
			if (node.text().contains("@")) {
				throw new ConfigurationException("credentials in a kafka:// URI are not used (" + node
						+ "); give them with KafkaConnectOptions.builder().sasl(...)");
			}
			String server = node.withoutScheme();
			while (server.endsWith("/")) {
				server = server.substring(0, server.length() - 1);
			}
			if (server.isEmpty() || ".".equals(server)) {
				throw new ConfigurationException("kafka URI has no broker address: " + uri.toMaskedUriString());
			}
			servers.add(server);
		}
		Map<String, Object> common = new LinkedHashMap<>();
		common.put("bootstrap.servers", String.join(",", servers));
		common.putAll(options.extension(KafkaConnectOptions.class)
			.orElse(KafkaConnectOptions.defaults())
			.toClientProperties());
		return new KafkaStreamer(uri, new LinkedHashMap<>(common), new LinkedHashMap<>(common), common, options);
	}

	/**
	 * Connect with Kafka client properties ({@code bootstrap.servers}, security, ...)
	 * shared by producers, consumers and the admin client; {@link KafkaConnectOptions} in
	 * the options are applied on top.
	 * @param clientProperties the properties, with {@code bootstrap.servers}
	 * @param options the options
	 * @return the streamer
	 * @throws ConnectionException if the cluster does not answer in time
	 */
	public static KafkaStreamer fromProperties(Map<String, ?> clientProperties, ConnectOptions options) {
		Map<String, Object> common = new LinkedHashMap<>(clientProperties);
		common.putAll(options.extension(KafkaConnectOptions.class)
			.orElse(KafkaConnectOptions.defaults())
			.toClientProperties());
		return new KafkaStreamer(uriOf(common), new LinkedHashMap<>(common), new LinkedHashMap<>(common), common,
				options);
	}

	/**
	 * Connect with the configuration of a Spring application's factories, such as those
	 * Spring Boot builds from {@code spring.kafka.*} and {@code KafkaConnectionDetails}.
	 * Their configuration properties are copied into new byte-array factories; the given
	 * factories are not changed, and their producers are not shared.
	 * @param producerFactory the producer factory whose configuration to use
	 * @param consumerFactory the consumer factory whose configuration to use
	 * @param adminProperties the admin client properties (with
	 * {@code bootstrap.servers}), such as Boot's {@code KafkaAdmin} configuration
	 * @param options the options
	 * @return the streamer
	 * @throws ConnectionException if the cluster does not answer in time
	 */
	public static KafkaStreamer fromFactories(ProducerFactory<?, ?> producerFactory,
			ConsumerFactory<?, ?> consumerFactory, Map<String, ?> adminProperties, ConnectOptions options) {
		Map<String, Object> extra = options.extension(KafkaConnectOptions.class)
			.orElse(KafkaConnectOptions.defaults())
			.toClientProperties();
		Map<String, Object> producer = new LinkedHashMap<>(producerFactory.getConfigurationProperties());
		producer.putAll(extra);
		Map<String, Object> consumer = new LinkedHashMap<>(consumerFactory.getConfigurationProperties());
		consumer.putAll(extra);
		Map<String, Object> admin = new LinkedHashMap<>(adminProperties);
		admin.putAll(extra);
		return new KafkaStreamer(uriOf(admin), producer, consumer, admin, options);
	}

	/**
	 * The producer properties SeaStreamer applies unless configured otherwise:
	 * {@code acks=all}, {@code linger.ms=5}, {@code batch.size=65536}. Benchmarks of the
	 * raw client use the same.
	 * @return the properties
	 */
	public static Map<String, Object> defaultProducerProperties() {
		return DEFAULT_PRODUCER_PROPERTIES;
	}

	private static StreamerUri uriOf(Map<String, Object> properties) {
		Object servers = properties.get("bootstrap.servers");
		String text;
		if (servers instanceof Collection<?> list) {
			text = String.join(",", list.stream().map(String::valueOf).toList());
		}
		else if (servers != null) {
			text = servers.toString();
		}
		else {
			throw new ConfigurationException("kafka client properties have no bootstrap.servers");
		}
		List<String> nodes = new ArrayList<>();
		for (String server : text.split(",")) {
			if (!server.isBlank()) {
				nodes.add(BACKEND + "://" + server.trim());
			}
		}
		if (nodes.isEmpty()) {
			throw new ConfigurationException("kafka bootstrap.servers is empty");
		}
		properties.put("bootstrap.servers", String.join(",", nodes.stream().map((n) -> n.substring(8)).toList()));
		return new StreamerUri(nodes.stream().map(StreamerNode::parse).toList());
	}

	@Override
	public StreamerUri uri() {
		return this.uri;
	}

	@Override
	public Set<Capability> capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Producer createGenericProducer(ProducerOptions options) {
		if (this.disconnected) {
			throw new ProducerEndedException("kafka streamer " + this.uri + " is disconnected");
		}
		KafkaProducerOptions kafka = options.extension(KafkaProducerOptions.class)
			.orElse(KafkaProducerOptions.defaults());
		Map<String, Object> properties = new LinkedHashMap<>(DEFAULT_PRODUCER_PROPERTIES);
		properties.putAll(this.producerBase);
		kafka.compressionType()
			.ifPresent((c) -> properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, c.propertyValue()));
		kafka.transactionalId().ifPresent((id) -> properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id));
		properties.putAll(kafka.clientProperties());
		properties.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
		properties.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
		Object txId = properties.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		boolean transactional = txId != null && !txId.toString().isBlank();
		DefaultKafkaProducerFactory<byte[], byte[]> factory = new DefaultKafkaProducerFactory<>(properties,
				new ByteArraySerializer(), new ByteArraySerializer());
		long bufferMemory = 32L * 1024 * 1024;
		Object configured = properties.get(ProducerConfig.BUFFER_MEMORY_CONFIG);
		if (configured != null) {
			try {
				bufferMemory = Long.parseLong(configured.toString().trim());
			}
			catch (NumberFormatException ex) {
				throw new ConfigurationException("invalid Kafka producer property buffer.memory=" + configured, ex);
			}
		}
		KafkaStreamProducer producer = new KafkaStreamProducer(this, factory, transactional, kafka.maxQueuedBytes(),
				bufferMemory);
		this.producers.add(producer);
		return producer;
	}

	@Override
	public Consumer createConsumer(Collection<StreamKey> keys, ConsumerOptions options) {
		if (keys.isEmpty()) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_EMPTY, "a Kafka consumer needs at least one topic");
		}
		if (this.disconnected) {
			throw new SeaStreamerException(ErrorKind.STREAM_ENDED, "kafka streamer " + this.uri + " is disconnected");
		}
		KafkaConsumerOptions kafka = options.extension(KafkaConsumerOptions.class)
			.orElse(KafkaConsumerOptions.defaults());
		Map<String, Object> properties = new LinkedHashMap<>(this.consumerBase);
		properties.putAll(kafka.clientProperties());
		properties.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		properties.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		Object autoCommit = properties.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
		if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString().trim())) {
			logger.debug("Ignoring enable.auto.commit=true: SeaStreamer commits what Consumer.commit marked done");
		}
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		switch (options.mode()) {
			case REAL_TIME -> {
				if (options.group().isPresent()) {
					throw new SeaStreamerException(ErrorKind.CONSUMER_GROUP_IS_SET,
							"a real-time Kafka consumer reads "
									+ "every partition without a group; use RESUMABLE or LOAD_BALANCED for group `"
									+ options.group().get() + "`");
				}
				properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
			}
			case RESUMABLE, LOAD_BALANCED ->
				properties.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaGroupAdmin.groupOf(options));
		}
		String reset = kafka.autoOffsetReset()
			.map((r) -> r.name().toLowerCase(java.util.Locale.ROOT))
			.orElse((options.streamReset() == StreamReset.EARLIEST) ? "earliest" : "latest");
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
		kafka.sessionTimeout()
			.ifPresent((t) -> properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(t.toMillis())));
		DefaultKafkaConsumerFactory<byte[], byte[]> factory = new DefaultKafkaConsumerFactory<>(properties,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		boolean readCommitted = "read_committed"
			.equalsIgnoreCase(String.valueOf(properties.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).trim());
		KafkaStreamConsumer consumer = new KafkaStreamConsumer(this, keys, options.mode(), kafka, readCommitted,
				!"earliest".equals(reset), factory::createConsumer);
		this.consumers.add(consumer);
		return consumer;
	}

	/**
	 * Flush and end every producer of this streamer, close its consumers and its admin
	 * client.
	 * @return a future completed once done; it fails with the first producer error
	 */
	@Override
	public CompletableFuture<Void> disconnect() {
		this.disconnected = true;
		List<CompletableFuture<Void>> pending = new ArrayList<>();
		for (KafkaStreamProducer producer : this.producers) {
			pending.add(producer.end());
		}
		for (KafkaStreamConsumer consumer : this.consumers) {
			pending.add(consumer.closeAsync());
		}
		return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handleAsync((v, error) -> {
			this.admin.close(Duration.ofSeconds(5));
			if (error != null) {
				throw (error instanceof CompletionException ce) ? ce : new CompletionException(error);
			}
			return v;
		}, DeliveryExecutor.shared());
	}

	void producerEnded(KafkaStreamProducer producer) {
		this.producers.remove(producer);
	}

	void consumerClosed(KafkaStreamConsumer consumer) {
		this.consumers.remove(consumer);
	}

	/**
	 * Every partition of some topics as the cluster knows it now, asked through the admin
	 * client without blocking. The future completes on the admin client's thread and
	 * fails if a topic is unknown.
	 * @param topics the topics
	 * @return the partitions
	 */
	/**
	 * The lag of a consumer group, asked with this streamer's admin client (so its
	 * security settings apply): per partition, the end offset minus the group's committed
	 * offset, or minus the earliest offset where the group has not committed. Topics that
	 * do not exist are left out.
	 * @param streams the topics
	 * @param options the consumer options: the mode and the group (a Resumable consumer
	 * without one uses the same default group as {@link #createConsumer})
	 * @return a future of one entry per partition
	 */
	@Override
	public CompletableFuture<List<io.github.seastreamer.ShardLag>> groupLag(Collection<StreamKey> streams,
			ConsumerOptions options) {
		return new KafkaGroupAdmin(this.admin).lag(streams, options);
	}

	/**
	 * Set a consumer group's committed offsets on every partition of some topics: to the
	 * beginning, the end, or offset {@code n} (kept within each partition); Kafka accepts
	 * this only while the group has no active member.
	 * @param streams the topics
	 * @param options the consumer options naming the group
	 * @param position where to
	 * @return a future that completes once the offsets are committed
	 */
	@Override
	public CompletableFuture<Void> moveGroup(Collection<StreamKey> streams, ConsumerOptions options, SeqPos position) {
		return new KafkaGroupAdmin(this.admin).move(streams, options, position);
	}

	/**
	 * Set a consumer group's committed offsets on every partition of some topics to the
	 * first record at or after a time (the end where there is none); Kafka accepts this
	 * only while the group has no active member.
	 * @param streams the topics
	 * @param options the consumer options naming the group
	 * @param time the time
	 * @return a future that completes once the offsets are committed
	 */
	@Override
	public CompletableFuture<Void> moveGroup(Collection<StreamKey> streams, ConsumerOptions options,
			java.time.Instant time) {
		return new KafkaGroupAdmin(this.admin).move(streams, options, time);
	}

	/**
	 * Describe the cluster with this streamer's admin client (its own security settings),
	 * for health checks.
	 * @param timeout how long the request may take
	 * @return a future of the cluster id and the number of brokers
	 */
	public CompletableFuture<ClusterDescription> describeCluster(Duration timeout) {
		CompletableFuture<ClusterDescription> result = new CompletableFuture<>();
		try {
			int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
			org.apache.kafka.clients.admin.DescribeClusterResult described = this.admin
				.describeCluster(new org.apache.kafka.clients.admin.DescribeClusterOptions().timeoutMs(millis));
			described.clusterId().whenComplete((id, error) -> {
				if (error != null) {
					result.completeExceptionally(error);
					return;
				}
				described.nodes().whenComplete((nodes, failure) -> {
					if (failure != null) {
						result.completeExceptionally(failure);
					}
					else {
						result.complete(new ClusterDescription(String.valueOf(id), nodes.size()));
					}
				});
			});
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	/**
	 * What {@link #describeCluster} found.
	 *
	 * @param clusterId the cluster id
	 * @param nodes the number of brokers
	 */
	public record ClusterDescription(String clusterId, int nodes) {
	}

	CompletableFuture<Set<TopicPartition>> partitionsOf(Collection<String> topics) {
		CompletableFuture<Set<TopicPartition>> result = new CompletableFuture<>();
		try {
			this.admin.describeTopics(topics).allTopicNames().whenComplete((descriptions, error) -> {
				if (error != null) {
					result.completeExceptionally(error);
					return;
				}
				Set<TopicPartition> partitions = new java.util.LinkedHashSet<>();
				descriptions.forEach((topic, description) -> description.partitions()
					.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition()))));
				result.complete(partitions);
			});
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	/**
	 * The offset of the first record at or after a time in each partition, asked through
	 * the admin client without blocking; {@code -1} where there is none. The future
	 * completes on the admin client's thread.
	 * @param partitions the partitions
	 * @param time the time in epoch milliseconds
	 * @param readCommitted whether to count committed records only
	 * @return the offsets
	 */
	CompletableFuture<Map<TopicPartition, Long>> offsetsForTime(Collection<TopicPartition> partitions, long time,
			boolean readCommitted) {
		Map<TopicPartition, OffsetSpec> query = new HashMap<>();
		for (TopicPartition tp : partitions) {
			query.put(tp, OffsetSpec.forTimestamp(time));
		}
		CompletableFuture<Map<TopicPartition, Long>> result = new CompletableFuture<>();
		if (query.isEmpty()) {
			result.complete(Map.of());
			return result;
		}
		try {
			this.admin
				.listOffsets(query,
						new ListOffsetsOptions(
								readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED))
				.all()
				.whenComplete((infos, error) -> {
					if (error != null) {
						result.completeExceptionally(error);
						return;
					}
					Map<TopicPartition, Long> offsets = new HashMap<>();
					infos.forEach((tp, info) -> offsets.put(tp, info.offset()));
					result.complete(offsets);
				});
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	/**
	 * Create the topic if auto-creation is on and it was not ensured before; called on
	 * I/O threads only.
	 * @param topic the topic
	 */
	void ensureTopic(String topic) {
		if (!this.connectOptions.autoCreateTopics() || this.ensuredTopics.contains(topic)) {
			return;
		}
		int partitions = this.connectOptions.topicPartitions();
		short replication = this.connectOptions.topicReplicationFactor();
		NewTopic newTopic = new NewTopic(topic, (partitions > 0) ? Optional.of(partitions) : Optional.empty(),
				(replication > 0) ? Optional.of(replication) : Optional.empty());
		try {
			this.admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new BackendException(BACKEND, "could not create topic `" + topic + "`: " + ex.getCause(),
						ex.getCause(), true);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackendException(BACKEND, "interrupted while creating topic `" + topic + "`", ex, true);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new BackendException(BACKEND, "timed out creating topic `" + topic + "`", ex, true);
		}
		this.ensuredTopics.add(topic);
	}

	/**
	 * The partition count of a topic as the cluster knows it now; called on I/O threads
	 * only.
	 * @param topic the topic
	 * @return the count, or 0 if unknown (missing topic, no answer in 10 seconds)
	 */
	int partitionCount(String topic) {
		try {
			return this.admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.size();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException ex) {
			logger.debug("Partitions of `{}` unknown: {}", topic, ex.toString());
			return 0;
		}
	}

	@Override
	public String toString() {
		return "KafkaStreamer{" + this.uri + "}";
	}

}
