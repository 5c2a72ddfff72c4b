package io.github.seastreamer.stdio;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.seastreamer.Capability;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.UnsupportedFeatureException;

/**
 * A streamer on the process's standard input and output. All stdio streamers of a process
 * share one {@link StdioWorld}; {@link #disconnect()} is process-wide.
 */
final class StdioStreamer implements Streamer {

	/** The key of input lines that carry none. */
	static final StreamKey BROADCAST = StreamKey.of(StreamKey.BROADCAST);

	/**
	 * Load-balanced groups work (round-robin by sequence); receipts carry the printed
	 * sequence. Nothing is stored, payloads are text, there is no seek, rewind or commit.
	 */
	private static final Set<Capability> CAPABILITIES = Set
		.copyOf(EnumSet.of(Capability.LOAD_BALANCED, Capability.RECEIPT_SEQUENCE));

	private static final Logger logger = LoggerFactory.getLogger(StdioStreamer.class);

	private final StreamerUri uri;

	private final StdioConnectOptions options;

	private final StdioWorld world;

	private volatile boolean disconnected;

	StdioStreamer(StreamerUri uri, StdioConnectOptions options, StdioWorld world) {
		this.uri = uri;
		this.options = options;
		this.world = world;
	}

	@Override
	public StreamerUri uri() {
		return this.uri;
	}

	@Override
	public Set<Capability> capabilities() {
		return CAPABILITIES;
	}

	/**
	 * A producer printing to standard output; starts the process's writer if none runs.
	 * @throws SeaStreamerException of kind {@link ErrorKind#CONNECT} if this streamer was
	 * disconnected
	 */
	@Override
	public Producer createGenericProducer(ProducerOptions options) {
		checkConnected();
		return new StdioProducer(this.world.writer(), this.options.loopback());
	}

	/**
	 * A consumer of lines from standard input whose key is one of {@code keys}, plus
	 * every line without a key (broadcast). Real-time consumers with a group, and
	 * load-balanced ones, share the lines of each key with the other members of their
	 * group: member {@code sequence % members} (in creation order) gets each line.
	 * @throws SeaStreamerException of kind {@link ErrorKind#STREAM_KEY_EMPTY} without
	 * keys, {@link ErrorKind#CONSUMER_GROUP_NOT_SET} for load-balanced without a group,
	 * {@link UnsupportedFeatureException} for resumable, {@link ErrorKind#CONNECT} if
	 * this streamer was disconnected
	 */
	@Override
	public Consumer createConsumer(Collection<StreamKey> keys, ConsumerOptions options) {
		checkConnected();
		if (keys.isEmpty()) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_EMPTY,
					"a stdio consumer needs at least one stream key (use `broadcast` for lines without a key)");
		}
		String group = options.group().orElse(null);
		switch (options.mode()) {
			case RESUMABLE -> throw new UnsupportedFeatureException("stdio does not support Resumable");
			case LOAD_BALANCED -> group = options.requireGroup();
			case REAL_TIME -> {
				if (group != null) {
					logger.warn("stdio real-time consumer of {} has group `{}`: it is load-balanced within the group",
							keys, group);
				}
			}
		}
		return this.world.register(Set.copyOf(new LinkedHashSet<>(keys)), options.mode(), group,
				!this.options.loopback());
	}

	private void checkConnected() {
		if (this.disconnected) {
			throw new SeaStreamerException(ErrorKind.CONNECT,
					"this stdio streamer was disconnected; connect again to create producers and consumers", null,
					false);
		}
	}

	/**
	 * Process-wide, as in every SeaStreamer stdio implementation: closes every stdio
	 * consumer of the process, prints what is queued and stops the writer; producers
	 * created before then fail with {@link io.github.seastreamer.ProducerEndedException}.
	 * A later connect can create new producers and consumers.
	 * @return a future completed once everything queued is printed
	 */
	@Override
	public CompletableFuture<Void> disconnect() {
		this.disconnected = true;
		return this.world.disconnect();
	}

	@Override
	public String toString() {
		return "StdioStreamer" + this.uri + (this.options.loopback() ? "{loopback}" : "");
	}

}
