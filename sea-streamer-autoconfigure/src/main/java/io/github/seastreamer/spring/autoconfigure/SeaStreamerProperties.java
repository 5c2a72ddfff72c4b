package io.github.seastreamer.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for SeaStreamer ({@code seastreamer.*}): the default streamer,
 * named streamers, producer, consumer and listener defaults.
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
		 * Consumer group of resumable and load-balanced listeners; load-balanced
		 * listeners fall back to "spring.application.name".
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

}
