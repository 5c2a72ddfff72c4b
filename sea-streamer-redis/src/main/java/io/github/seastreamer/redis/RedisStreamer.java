package io.github.seastreamer.redis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.seastreamer.Capability;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConnectionException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamKeyException;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerNode;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spi.DeliveryExecutor;

/**
 * A streamer on Redis Streams, wire-compatible with the Rust SeaStreamer layout.
 *
 * <pre>
 * stream (unsharded)  key = &lt;stream&gt;             e.g. hello
 * shard s             key = &lt;stream&gt;:&lt;s&gt;         e.g. hello:2
 * entry               id = &lt;ms&gt;-&lt;n&gt; (assigned by Redis), one field "msg" = payload
 * sequence            (ms &lt;&lt; 16) | n      timestamp = ms
 * </pre>
 *
 * <p>
 * Three ways to create one:
 * <ul>
 * <li>{@code SeaStreamer.connect("redis://user:secret@host:6379")} or
 * {@link #connect(StreamerUri, ConnectOptions)}: the streamer owns its Lettuce client.
 * Credentials come from {@link RedisConnectOptions} or from the URI's user-info (options
 * win); {@code rediss://} uses TLS.</li>
 * <li>{@link #create(RedisClient, RedisURI, ConnectOptions)}: on an existing Lettuce
 * client (its event loops are shared; the streamer never shuts it down).</li>
 * <li>{@link #fromConnectionFactory(LettuceConnectionFactory, ConnectOptions)}: on a
 * started Spring Data {@code LettuceConnectionFactory} (host, port, database, credentials
 * and TLS of its standalone configuration; its native client).</li>
 * </ul>
 *
 * <p>
 * Each producer and each consumer opens its own connection(s); a shared control
 * connection carries acknowledgements, group management, discovery and trimming. Lettuce
 * reconnects dropped connections with an exponential back-off and re-issues the commands
 * that were pending. Several nodes require {@link RedisConnectOptions#enableCluster()};
 * Redis Cluster slot routing is not implemented: the nodes are tried in order and the
 * first that answers is used.
 *
 * <p>
 * Thread-safe. {@link #disconnect()} ends (flushes) every producer, closes every consumer
 * and every connection.
 */
public final class RedisStreamer implements Streamer, io.github.seastreamer.GroupLagReporter {

	static final String SCHEME = "redis";

	static final String TLS_SCHEME = "rediss";

	private static final Logger logger = LoggerFactory.getLogger(RedisStreamer.class);

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private final StreamerUri uri;

	private final RedisClient client;

	private final boolean ownsClient;

	private final @Nullable ClientResources ownResources;

	private final RedisURI redisUri;

	private final RedisConnectOptions redisOptions;

	private final Duration timeout;

	private final StatefulRedisConnection<byte[], byte[]> control;

	private final Set<RedisProducer> producers = ConcurrentHashMap.newKeySet();

	private final java.util.concurrent.atomic.AtomicReference<@Nullable CompletableFuture<StatefulRedisConnection<byte[], byte[]>>> spare = new java.util.concurrent.atomic.AtomicReference<>();

	private final Set<RedisConsumer> consumers = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService scheduler;

	private final ExecutorService loopExecutor;

	private volatile @Nullable CompletableFuture<Void> disconnected;

	private RedisStreamer(StreamerUri uri, RedisClient client, boolean ownsClient, RedisURI redisUri,
			RedisConnectOptions redisOptions, Duration timeout) {
		this(uri, client, ownsClient, null, redisUri, redisOptions, timeout);
	}

	private RedisStreamer(StreamerUri uri, RedisClient client, ClientResources resources, RedisURI redisUri,
			RedisConnectOptions redisOptions, Duration timeout) {
		this(uri, client, true, resources, redisUri, redisOptions, timeout);
	}

	private RedisStreamer(StreamerUri uri, RedisClient client, boolean ownsClient,
			@Nullable ClientResources ownResources, RedisURI redisUri, RedisConnectOptions redisOptions,
			Duration timeout) {
		this.uri = uri;
		this.client = client;
		this.ownsClient = ownsClient;
		this.ownResources = ownResources;
		this.redisUri = redisUri;
		this.redisOptions = redisOptions;
		this.timeout = timeout;
		this.control = connectOrThrow(client, redisUri, "control connection");
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(DeliveryExecutor.daemonThreads("seastreamer-redis-timer"));
		this.loopExecutor = Executors.newCachedThreadPool(DeliveryExecutor.daemonThreads("seastreamer-redis-loop"));
		// the first consumer's read connection, opened in the background now, so that
		// creating it costs no connection handshake either
		openSpare();
	}

	/**
	 * Connect to the node(s) of a {@code redis://} or {@code rediss://} URI. Blocks until
	 * the control connection is established (bounded by the connect timeout, 60 s by
	 * default).
	 * @param uri the URI
	 * @param options the options; {@link RedisConnectOptions} through
	 * {@code extension(...)}
	 * @return the streamer
	 * @throws ConnectionException if no node can be reached or the scheme is not Redis
	 * @throws ConfigurationException if several nodes are given without the cluster
	 * option
	 */
	public static RedisStreamer connect(StreamerUri uri, ConnectOptions options) {
		RedisConnectOptions redisOptions = options.extension(RedisConnectOptions.class)
			.orElse(RedisConnectOptions.defaults());
		Duration timeout = options.timeout().orElse(DEFAULT_TIMEOUT);
		List<StreamerNode> nodes = uri.nodes();
		if (nodes.size() > 1 && !redisOptions.enableCluster()) {
			throw new ConfigurationException("There are multiple nodes in streamer URI `" + uri.toMaskedUriString()
					+ "`, please enable the cluster option (RedisConnectOptions.enableCluster)");
		}
		SeaStreamerException last = null;
		for (StreamerNode node : nodes) {
			RedisURI redisUri = toRedisUri(node, redisOptions, timeout);
			ClientResources resources = clientResources();
			RedisClient client = RedisClient.create(resources, redisUri);
			client.setOptions(clientOptions(timeout));
			try {
				return new RedisStreamer(uri, client, resources, redisUri, redisOptions, timeout);
			}
			catch (SeaStreamerException ex) {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
				resources.shutdown(0, 2, TimeUnit.SECONDS);
				last = ex;
				logger.warn("Cannot connect to {}: {}", node, ex.getMessage());
			}
		}
		throw (last != null) ? last : new ConnectionException("No node has been specified");
	}

	/**
	 * Create a streamer on an existing Lettuce client. The client is shared, not owned:
	 * {@link #disconnect()} closes the streamer's connections, never the client.
	 * @param client the client
	 * @param redisUri where to connect, with credentials and database
	 * @param options the options (timeout, {@link RedisConnectOptions#messageField()})
	 * @return the streamer
	 * @throws ConnectionException if the server cannot be reached
	 */
	public static RedisStreamer create(RedisClient client, RedisURI redisUri, ConnectOptions options) {
		RedisConnectOptions redisOptions = options.extension(RedisConnectOptions.class)
			.orElse(RedisConnectOptions.defaults());
		Duration timeout = options.timeout().orElse(DEFAULT_TIMEOUT);
		String scheme = redisUri.isSsl() ? TLS_SCHEME : SCHEME;
		StreamerUri uri = StreamerUri.parse(scheme + "://" + redisUri.getHost() + ":" + redisUri.getPort());
		return new RedisStreamer(uri, client, false, redisUri, redisOptions, timeout);
	}

	/**
	 * Create a streamer from a Spring Data {@code LettuceConnectionFactory}, so that a
	 * Spring application's Redis settings (host, port, database, user name, password,
	 * TLS) are used as they are. The factory must be started; its native Lettuce client
	 * is shared when it is a standalone client, otherwise a client on its client
	 * resources is created and owned by the streamer.
	 * @param factory a started factory with a standalone configuration
	 * @param options the options (timeout, {@link RedisConnectOptions#messageField()})
	 * @return the streamer
	 * @throws ConnectionException if the server cannot be reached
	 */
	public static RedisStreamer fromConnectionFactory(LettuceConnectionFactory factory, ConnectOptions options) {
		var standalone = factory.getStandaloneConfiguration();
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(standalone.getHostName())
			.withPort(standalone.getPort())
			.withDatabase(standalone.getDatabase())
			.withSsl(factory.isUseSsl())
			.withVerifyPeer(factory.getClientConfiguration().getVerifyMode())
			.withTimeout(options.timeout().orElse(DEFAULT_TIMEOUT));
		char[] password = standalone.getPassword().toOptional().orElse(null);
		if (password != null) {
			String username = standalone.getUsername();
			if (username != null) {
				builder.withAuthentication(username, password);
			}
			else {
				builder.withPassword(password);
			}
		}
		RedisURI redisUri = builder.build();
		if (factory.getNativeClient() instanceof RedisClient shared) {
			return create(shared, redisUri, options);
		}
		RedisClient client = (factory.getClientResources() != null)
				? RedisClient.create(factory.getClientResources(), redisUri) : RedisClient.create(redisUri);
		client.setOptions(clientOptions(options.timeout().orElse(DEFAULT_TIMEOUT)));
		StreamerUri uri = StreamerUri
			.parse((redisUri.isSsl() ? TLS_SCHEME : SCHEME) + "://" + redisUri.getHost() + ":" + redisUri.getPort());
		return new RedisStreamer(uri, client, true, redisUri,
				options.extension(RedisConnectOptions.class).orElse(RedisConnectOptions.defaults()),
				options.timeout().orElse(DEFAULT_TIMEOUT));
	}

	/**
	 * Event loops of a streamer that owns its client: reconnect attempts back off
	 * exponentially from 100 ms to 2 s (and go on until the streamer is disconnected).
	 */
	static ClientResources clientResources() {
		return DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
	}

	static ClientOptions clientOptions(Duration timeout) {
		return ClientOptions.builder()
			.autoReconnect(true)
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
			// blocking reads must never be cut by a response timeout
			.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
			.build();
	}

	static RedisURI toRedisUri(StreamerNode node, RedisConnectOptions options, Duration timeout) {
		String scheme = node.scheme().orElse(SCHEME);
		if (!SCHEME.equals(scheme) && !TLS_SCHEME.equals(scheme)) {
			throw new ConnectionException(
					"unknown protocol `" + scheme + "` for the redis backend (use redis:// or rediss://)");
		}
		String host = node.host()
			.orElseThrow(() -> new ConfigurationException("Should have host: `" + node + "` names no host"));
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(host)
			.withPort(node.port().orElse(RedisURI.DEFAULT_REDIS_PORT))
			.withDatabase(options.database())
			.withTimeout(timeout);
		if (TLS_SCHEME.equals(scheme)) {
			builder.withSsl(true)
				.withVerifyPeer(options.disableHostnameVerification() ? SslVerifyMode.NONE : SslVerifyMode.FULL);
		}
		String username = options.username().orElse(null);
		String password = options.password().orElse(null);
		String userInfo = node.userInfo().orElse(null);
		if (userInfo != null && !userInfo.isEmpty()) {
			int colon = userInfo.indexOf(':');
			String uriUser = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			String uriPassword = (colon < 0) ? null : decode(userInfo.substring(colon + 1));
			if (colon < 0 && password == null) {
				// redis://secret@host: a lone user-info is the password, as redis-cli
				// reads it
				password = uriUser;
				uriUser = null;
			}
			if (username == null && uriUser != null && !uriUser.isEmpty()) {
				username = uriUser;
			}
			if (password == null) {
				password = uriPassword;
			}
		}
		if (password != null) {
			if (username != null) {
				builder.withAuthentication(username, password.toCharArray());
			}
			else {
				builder.withPassword(password.toCharArray());
			}
		}
		return builder.build();
	}

	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private StatefulRedisConnection<byte[], byte[]> connectOrThrow(RedisClient client, RedisURI redisUri, String what) {
		try {
			return client.connect(ByteArrayCodec.INSTANCE, redisUri);
		}
		catch (RuntimeException ex) {
			throw new ConnectionException("Failed to open the " + what + " to " + this.uri.toMaskedUriString() + ": "
					+ RedisErrors.scrub(String.valueOf(SeaStreamerException.unwrap(ex).getMessage()), secret()));
		}
	}

	StatefulRedisConnection<byte[], byte[]> openConnection(String what) {
		checkOpen();
		return connectOrThrow(this.client, this.redisUri, what);
	}

	/**
	 * A connection for a new consumer: the spare one opened in the background after the
	 * previous consumer took its own, so that creating a consumer costs no connection
	 * handshake; a new one if the spare is not ready or failed.
	 */
	StatefulRedisConnection<byte[], byte[]> takeReadConnection() {
		checkOpen();
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> spare = this.spare.getAndSet(null);
		openSpare();
		if (spare != null && spare.isDone() && !spare.isCompletedExceptionally()) {
			StatefulRedisConnection<byte[], byte[]> connection = spare.join();
			if (connection.isOpen()) {
				return connection;
			}
		}
		if (spare != null) {
			spare.thenAccept(StatefulRedisConnection::closeAsync);
		}
		return openConnection("consumer connection");
	}

	private void openSpare() {
		if (this.disconnected != null) {
			return;
		}
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> next = this.client
			.connectAsync(ByteArrayCodec.INSTANCE, this.redisUri)
			.toCompletableFuture();
		if (!this.spare.compareAndSet(null, next)) {
			next.thenAccept(StatefulRedisConnection::closeAsync);
		}
	}

	@SuppressWarnings("deprecation") // the credentials provider API is reactive; the URI
										// holds a plain password
	@Nullable String secret() {
		char[] password = this.redisUri.getPassword();
		return (password != null) ? new String(password) : null;
	}

	StatefulRedisConnection<byte[], byte[]> control() {
		return this.control;
	}

	RedisConnectOptions redisOptions() {
		return this.redisOptions;
	}

	Duration timeout() {
		return this.timeout;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	ExecutorService loopExecutor() {
		return this.loopExecutor;
	}

	void removed(RedisProducer producer) {
		this.producers.remove(producer);
	}

	void removed(RedisConsumer consumer) {
		this.consumers.remove(consumer);
	}

	private void checkOpen() {
		if (this.disconnected != null) {
			throw new ConnectionException("the streamer " + this.uri.toMaskedUriString() + " is disconnected");
		}
	}

	@Override
	public StreamerUri uri() {
		return this.uri;
	}

	@Override
	public Set<Capability> capabilities() {
		return EnumSet.of(Capability.BINARY_PAYLOAD, Capability.PERSISTENT, Capability.RESUMABLE,
				Capability.LOAD_BALANCED, Capability.COMMIT, Capability.SEEK, Capability.REWIND, Capability.SHARDS,
				Capability.ASSIGN, Capability.RECEIPT_SEQUENCE, Capability.ATTRIBUTES);
	}

	/**
	 * Create a producer with its own pipelined connection.
	 * @param options the options; {@link RedisProducerOptions} through
	 * {@code extension(...)}
	 * @return the producer
	 * @throws ConnectionException if disconnected or the server cannot be reached
	 */
	@Override
	public Producer createGenericProducer(ProducerOptions options) {
		checkOpen();
		RedisProducer producer = new RedisProducer(this,
				options.extension(RedisProducerOptions.class).orElse(RedisProducerOptions.defaults()));
		this.producers.add(producer);
		return producer;
	}

	/**
	 * Create a consumer with its own reading connection. Blocks until shard discovery,
	 * tail anchoring (RealTime, Latest) and group creation are done, bounded by the
	 * connect timeout; an error of that set-up (for example a missing stream without
	 * {@code mkstream}) is returned by the first {@code next()}.
	 * @param keys the streams, at least one
	 * @param options the options; {@link RedisConsumerOptions} through
	 * {@code extension(...)}
	 * @return the consumer
	 */
	@Override
	public Consumer createConsumer(Collection<StreamKey> keys, ConsumerOptions options) {
		checkOpen();
		if (keys.isEmpty()) {
			throw new SeaStreamerException(io.github.seastreamer.ErrorKind.STREAM_KEY_EMPTY,
					"a redis consumer needs at least one stream key");
		}
		for (StreamKey key : keys) {
			if (StreamKey.SEA_STREAMER_INTERNAL.equals(key.name())) {
				throw new StreamKeyException(key.name());
			}
		}
		RedisConsumer consumer = new RedisConsumer(this, new ArrayList<>(new LinkedHashSet<>(keys)), options,
				options.extension(RedisConsumerOptions.class).orElse(RedisConsumerOptions.defaults()));
		this.consumers.add(consumer);
		consumer.start();
		return consumer;
	}

	/**
	 * Trim a stream (and every shard of it) to at most {@code maxLen} entries, exactly
	 * ({@code XTRIM key MAXLEN = n}). Does not wait for producers: flush them first to
	 * trim what they sent.
	 * @param key the stream
	 * @param maxLen the most entries kept per Redis key, not negative
	 * @return a future of the number of entries deleted
	 */
	public CompletableFuture<Long> trimMaxLen(StreamKey key, long maxLen) {
		if (maxLen < 0) {
			return CompletableFuture
				.failedFuture(new ConfigurationException("maxLen must not be negative, was " + maxLen));
		}
		return trim(key, new XTrimArgs().maxlen(maxLen).exactTrimming());
	}

	/**
	 * Delete the entries of a stream (and of every shard of it) older than a time:
	 * entries whose id millisecond is before {@code minTime} are removed
	 * ({@code XTRIM key MINID = <ms>-0}).
	 * @param key the stream
	 * @param minTime the oldest time kept
	 * @return a future of the number of entries deleted
	 */
	public CompletableFuture<Long> trimBefore(StreamKey key, Instant minTime) {
		long ms = Math.max(0, minTime.toEpochMilli());
		return trim(key, new XTrimArgs().minId(ms + "-0").exactTrimming());
	}

	private CompletableFuture<Long> trim(StreamKey key, XTrimArgs args) {
		checkOpen();
		return scanShardKeys(key).thenCompose((shardKeys) -> {
			List<CompletableFuture<Long>> futures = new ArrayList<>();
			futures.add(this.control.async()
				.xtrim(key.name().getBytes(StandardCharsets.US_ASCII), args)
				.toCompletableFuture());
			for (String shardKey : shardKeys) {
				futures.add(this.control.async()
					.xtrim(shardKey.getBytes(StandardCharsets.US_ASCII), args)
					.toCompletableFuture());
			}
			return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
				.thenApply((v) -> futures.stream().mapToLong(CompletableFuture::join).sum());
		}).handleAsync((deleted, error) -> {
			if (error != null) {
				throw RedisErrors.map(error, secret(), "XTRIM " + key);
			}
			return deleted;
		}, DeliveryExecutor.shared());
	}

	/**
	 * The lag of a consumer group, asked on this streamer's own connection (so its TLS
	 * and credentials apply): for each stream and each of its shard keys, {@code lag}
	 * plus {@code pending} of the group in {@code XINFO GROUPS} (Redis 7: entries not yet
	 * delivered to the group plus entries delivered and not yet acknowledged). Streams
	 * that do not exist, streams without the group, and servers that do not report
	 * {@code lag} (before Redis 7, or after deletions) are left out.
	 * @param streams the streams
	 * @param options the consumer options: the mode and the group (without one, the same
	 * default group as {@link #createConsumer})
	 * @return a future of one entry per stream and shard with the group
	 */
	@Override
	public CompletableFuture<List<io.github.seastreamer.ShardLag>> groupLag(Collection<StreamKey> streams,
			ConsumerOptions options) {
		if (options.mode() == io.github.seastreamer.ConsumerMode.REAL_TIME) {
			return CompletableFuture
				.failedFuture(new SeaStreamerException(io.github.seastreamer.ErrorKind.CONSUMER_GROUP_NOT_SET,
						"a REAL_TIME consumer has no group; use RESUMABLE or LOAD_BALANCED"));
		}
		checkOpen();
		String group = RedisConsumer.groupOf(options);
		List<CompletableFuture<List<io.github.seastreamer.ShardLag>>> perStream = new ArrayList<>();
		for (StreamKey key : new LinkedHashSet<>(streams)) {
			perStream.add(scanShardKeys(key).thenCompose((shardKeys) -> {
				List<CompletableFuture<io.github.seastreamer.@Nullable ShardLag>> perKey = new ArrayList<>();
				perKey.add(shardLag(key, key.name(), 0, group));
				for (String shardKey : shardKeys) {
					perKey.add(shardLag(key, shardKey, parseShard(shardKey, key), group));
				}
				return CompletableFuture.allOf(perKey.toArray(CompletableFuture[]::new)).thenApply((v) -> {
					List<io.github.seastreamer.ShardLag> lags = new ArrayList<>();
					for (CompletableFuture<io.github.seastreamer.@Nullable ShardLag> lag : perKey) {
						io.github.seastreamer.ShardLag found = lag.join();
						if (found != null) {
							lags.add(found);
						}
					}
					return lags;
				});
			}));
		}
		return CompletableFuture.allOf(perStream.toArray(CompletableFuture[]::new)).handleAsync((v, error) -> {
			if (error != null) {
				throw RedisErrors.map(error, secret(), "XINFO GROUPS");
			}
			List<io.github.seastreamer.ShardLag> all = new ArrayList<>();
			perStream.forEach((f) -> all.addAll(f.join()));
			return all;
		}, DeliveryExecutor.shared());
	}

	/** The group's lag on one Redis key, or null when it is not known there. */
	private CompletableFuture<io.github.seastreamer.@Nullable ShardLag> shardLag(StreamKey key, String redisKey,
			long shard, String group) {
		return this.control.async()
			.xinfoGroups(redisKey.getBytes(StandardCharsets.US_ASCII))
			.toCompletableFuture()
			.handle((groups, error) -> {
				if (error != null) {
					if (RedisErrors.isServerError(error, "ERR no such key")) {
						// the stream (or this shard of it) does not exist (yet)
						return null;
					}
					throw new java.util.concurrent.CompletionException(error);
				}
				for (Object entry : groups) {
					if (!(entry instanceof List<?> fields)) {
						continue;
					}
					String name = null;
					Long lag = null;
					long pending = 0;
					for (int i = 0; i + 1 < fields.size(); i += 2) {
						Object field = fields.get(i);
						String fieldName = (field instanceof byte[] b) ? new String(b, StandardCharsets.UTF_8)
								: String.valueOf(field);
						Object value = fields.get(i + 1);
						switch (fieldName) {
							case "name" -> name = (value instanceof byte[] b) ? new String(b, StandardCharsets.UTF_8)
									: String.valueOf(value);
							case "lag" -> lag = (value instanceof Long l) ? l : null;
							case "pending" -> pending = (value instanceof Long l) ? l : 0;
							default -> {
							}
						}
					}
					if (group.equals(name) && lag != null) {
						return new io.github.seastreamer.ShardLag(key, ShardId.of(shard), lag + pending);
					}
				}
				return null;
			});
	}

	/**
	 * The shard keys {@code <key>:<n>} of a stream holding streams, by
	 * {@code SCAN ... TYPE
	 * stream}; keys whose suffix is not a number are ignored.
	 */
	CompletableFuture<List<String>> scanShardKeys(StreamKey key) {
		CompletableFuture<List<String>> result = new CompletableFuture<>();
		scanFrom(ScanCursor.INITIAL, key.name() + ":*", new ArrayList<>(), result);
		return result.thenApply((keys) -> {
			List<String> shardKeys = new ArrayList<>();
			for (String k : new LinkedHashSet<>(keys)) {
				if (parseShard(k, key) >= 0) {
					shardKeys.add(k);
				}
			}
			return shardKeys;
		});
	}

	static long parseShard(String redisKey, StreamKey key) {
		int colon = redisKey.indexOf(':');
		if (colon < 0 || !redisKey.substring(0, colon).equals(key.name())) {
			return -1;
		}
		String tail = redisKey.substring(colon + 1);
		if (tail.isEmpty() || tail.length() > 19) {
			return -1;
		}
		for (int i = 0; i < tail.length(); i++) {
			if (tail.charAt(i) < '0' || tail.charAt(i) > '9') {
				return -1;
			}
		}
		return Long.parseLong(tail);
	}

	private void scanFrom(ScanCursor cursor, String pattern, List<String> found,
			CompletableFuture<List<String>> result) {
		KeyScanArgs args = new KeyScanArgs();
		args.match(pattern);
		args.limit(1000);
		args.type("stream");
		this.control.async().scan(cursor, args).whenComplete((KeyScanCursor<byte[]> next, Throwable error) -> {
			if (error != null) {
				result.completeExceptionally(error);
				return;
			}
			for (byte[] k : next.getKeys()) {
				found.add(new String(k, StandardCharsets.UTF_8));
			}
			if (next.isFinished()) {
				result.complete(found);
			}
			else {
				scanFrom(next, pattern, found, result);
			}
		});
	}

	/**
	 * Flush and end every producer, close every consumer and connection. Idempotent.
	 * @return a future completed once everything is closed
	 */
	@Override
	public CompletableFuture<Void> disconnect() {
		CompletableFuture<Void> done = this.disconnected;
		if (done != null) {
			return done;
		}
		synchronized (this) {
			if (this.disconnected != null) {
				return this.disconnected;
			}
			CompletableFuture<Void> future = new CompletableFuture<>();
			this.disconnected = future;
			CompletableFuture.runAsync(() -> {
				try {
					List<CompletableFuture<Void>> ends = new ArrayList<>();
					for (RedisProducer producer : List.copyOf(this.producers)) {
						ends.add(producer.end().exceptionally((ex) -> null));
					}
					CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
						.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
					for (RedisConsumer consumer : List.copyOf(this.consumers)) {
						consumer.close();
					}
					CompletableFuture<StatefulRedisConnection<byte[], byte[]>> spare = this.spare.getAndSet(null);
					if (spare != null) {
						spare.thenAccept(StatefulRedisConnection::close);
					}
					this.control.close();
					this.scheduler.shutdownNow();
					this.loopExecutor.shutdown();
					if (this.ownsClient) {
						this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
					}
					if (this.ownResources != null) {
						this.ownResources.shutdown(0, 2, TimeUnit.SECONDS);
					}
					future.complete(null);
				}
				catch (Exception ex) {
					future.completeExceptionally(RedisErrors.map(ex, secret(), "disconnect"));
				}
			}, DeliveryExecutor.shared());
			return future;
		}
	}

	@Override
	public String toString() {
		return "RedisStreamer{" + this.uri.toMaskedUriString() + "}";
	}

}
