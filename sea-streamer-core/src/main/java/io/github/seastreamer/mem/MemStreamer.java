package io.github.seastreamer.mem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import io.github.seastreamer.Capability;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.GroupLagReporter;
import io.github.seastreamer.GroupRepositioner;
import io.github.seastreamer.HostId;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;

/**
 * A streamer on an in-memory broker. Disconnecting ends its producers and closes its
 * consumers; the broker and its data stay for other streamers of the same name.
 */
final class MemStreamer implements Streamer, GroupLagReporter, GroupRepositioner {

	// Everything: attributes are kept with the payload and delivered to consumers.
	private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.allOf(Capability.class));

	private final StreamerUri uri;

	private final MemBroker broker;

	private final Set<MemProducer> producers = ConcurrentHashMap.newKeySet();

	private final Set<MemConsumer> consumers = ConcurrentHashMap.newKeySet();

	private volatile boolean disconnected;

	MemStreamer(StreamerUri uri, MemBroker broker) {
		this.uri = uri;
		this.broker = broker;
	}

	MemBroker broker() {
		return this.broker;
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
		checkConnected();
		int shards = options.extension(MemProducerOptions.class).map(MemProducerOptions::shards).orElse(1);
		MemProducer producer = new MemProducer(this, shards);
		this.producers.add(producer);
		if (this.disconnected) {
			producer.end();
		}
		return producer;
	}

	@Override
	public MemConsumer createConsumer(Collection<StreamKey> keys, ConsumerOptions options) {
		checkConnected();
		if (keys.isEmpty()) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_EMPTY, "a consumer needs at least one stream key");
		}
		Set<StreamKey> streamKeys = new LinkedHashSet<>(keys);
		String group;
		if (options.mode() == ConsumerMode.REAL_TIME) {
			if (options.group().isPresent()) {
				throw new SeaStreamerException(ErrorKind.CONSUMER_GROUP_IS_SET,
						"mem:// real-time consumers take no group (got `" + options.group().get()
								+ "`); use RESUMABLE or LOAD_BALANCED");
			}
			group = null;
		}
		else if (options.mode() == ConsumerMode.RESUMABLE) {
			group = options.group().orElse(defaultResumableGroup());
		}
		else {
			group = options.requireGroup();
		}
		int bufferSize = options.extension(MemConsumerOptions.class)
			.map(MemConsumerOptions::bufferSize)
			.orElse(MemConsumerOptions.DEFAULT_BUFFER_SIZE);
		MemConsumer consumer = new MemConsumer(this, streamKeys, options, group, bufferSize);
		this.consumers.add(consumer);
		if (this.disconnected) {
			consumer.close();
		}
		else {
			consumer.start();
		}
		return consumer;
	}

	private static String defaultResumableGroup() {
		return HostId.get() + ":r";
	}

	/**
	 * Resumable: per shard, the kept messages after the group's committed sequence.
	 * Load-balanced: per shard, the messages the group has not claimed plus those claimed
	 * and not committed. Computed on the caller's thread from the broker's memory (one
	 * short monitor per load-balanced shard); the future is already complete.
	 */
	@Override
	public CompletableFuture<List<ShardLag>> groupLag(Collection<StreamKey> streams, ConsumerOptions options) {
		boolean resumable = options.mode() == ConsumerMode.RESUMABLE;
		String group;
		try {
			group = options.groupOrDefault(defaultResumableGroup());
		}
		catch (SeaStreamerException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		ResumableGroup resumableGroup = resumable ? this.broker.existingResumableGroup(group) : null;
		LoadBalancedGroup balancedGroup = resumable ? null : this.broker.existingLoadBalancedGroup(group);
		List<ShardLag> lags = new ArrayList<>();
		for (StreamKey key : new LinkedHashSet<>(streams)) {
			MemStream stream = this.broker.existingStream(key);
			if (stream == null) {
				continue;
			}
			for (MemLog log : stream.shards().values()) {
				long lag;
				if (resumableGroup != null) {
					lag = resumableGroup.lag(log);
				}
				else if (balancedGroup != null) {
					lag = balancedGroup.lag(log);
				}
				else {
					// a group that never read: everything kept is still to do
					lag = Math.max(0, log.tail() - log.head() + 1);
				}
				lags.add(new ShardLag(key, log.shard(), lag));
			}
		}
		return CompletableFuture.completedFuture(lags);
	}

	/**
	 * Resumable: the group's position of each shard is set (also backwards).
	 * Load-balanced: the group's cursor of each shard is set and what its members claimed
	 * there is dropped. Done on the caller's thread in the broker's memory; the future is
	 * already complete.
	 */
	@Override
	public CompletableFuture<Void> moveGroup(Collection<StreamKey> streams, ConsumerOptions options, SeqPos position) {
		return move(streams, options, (log) -> {
			if (position instanceof SeqPos.Beginning) {
				return log.head();
			}
			if (position instanceof SeqPos.End) {
				return log.tail() + 1;
			}
			return Math.max(1, ((SeqPos.At) position).sequence());
		});
	}

	/**
	 * As {@link #moveGroup(Collection, ConsumerOptions, SeqPos)}, to the first message at
	 * or after the time.
	 */
	@Override
	public CompletableFuture<Void> moveGroup(Collection<StreamKey> streams, ConsumerOptions options, Instant time) {
		return move(streams, options, (log) -> log.firstAtOrAfter(time));
	}

	private CompletableFuture<Void> move(Collection<StreamKey> streams, ConsumerOptions options,
			ToLongFunction<MemLog> next) {
		boolean resumable = options.mode() == ConsumerMode.RESUMABLE;
		String group;
		try {
			group = options.groupOrDefault(defaultResumableGroup());
		}
		catch (SeaStreamerException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		for (StreamKey key : new LinkedHashSet<>(streams)) {
			MemStream stream = this.broker.existingStream(key);
			if (stream == null) {
				continue;
			}
			for (MemLog log : stream.shards().values()) {
				long target = next.applyAsLong(log);
				if (resumable) {
					this.broker.resumableGroup(group).move(log, target - 1);
				}
				else {
					this.broker.loadBalancedGroup(group).move(log, target);
				}
			}
		}
		return CompletableFuture.completedFuture(null);
	}

	private void checkConnected() {
		if (this.disconnected) {
			throw new SeaStreamerException(ErrorKind.CONNECT, "streamer " + this.uri + " was disconnected", null,
					false);
		}
	}

	void removed(MemProducer producer) {
		this.producers.remove(producer);
	}

	void removed(MemConsumer consumer) {
		this.consumers.remove(consumer);
	}

	boolean isDisconnected() {
		return this.disconnected;
	}

	/**
	 * Ends every producer and closes every consumer of this streamer; completes at once
	 * (there is nothing to flush: sends are appended before their receipt completes).
	 */
	@Override
	public CompletableFuture<Void> disconnect() {
		this.disconnected = true;
		for (MemProducer producer : this.producers) {
			producer.end();
		}
		for (MemConsumer consumer : this.consumers) {
			consumer.close();
		}
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public String toString() {
		return "MemStreamer" + this.uri;
	}

}
