package io.github.seastreamer.mem;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.StreamKey;

/**
 * The shared state behind one {@code mem://<name>}: streams, resumable commits and
 * load-balanced groups. Brokers live as long as the JVM (or until {@link #drop}), so
 * committed positions survive a streamer's disconnect.
 */
final class MemBroker {

	private static final ConcurrentMap<String, MemBroker> BROKERS = new ConcurrentHashMap<>();

	private final String name;

	private final int retention;

	private final ConcurrentMap<StreamKey, MemStream> streams = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, ResumableGroup> resumableGroups = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, LoadBalancedGroup> loadBalancedGroups = new ConcurrentHashMap<>();

	private MemBroker(String name, int retention) {
		this.name = name;
		this.retention = retention;
	}

	/**
	 * The broker of a name, created with the given retention if absent.
	 * @param retention the retention limit, or {@code null} to accept the broker's
	 * @throws ConfigurationException if the broker exists with another limit
	 */
	static MemBroker named(String name, @org.jspecify.annotations.Nullable Integer retention) {
		int limit = (retention != null) ? retention : MemConnectOptions.DEFAULT_MAX_MESSAGES_PER_STREAM;
		MemBroker broker = BROKERS.computeIfAbsent(name, (n) -> new MemBroker(n, limit));
		if (retention != null && broker.retention != retention) {
			throw new ConfigurationException("mem://" + name + " already exists with maxMessagesPerStream="
					+ broker.retention + "; cannot connect with " + retention);
		}
		return broker;
	}

	/**
	 * Forget a broker: streamers connected later to the name start empty. Streamers still
	 * connected keep the old broker.
	 */
	static boolean drop(String name) {
		return BROKERS.remove(name) != null;
	}

	String name() {
		return this.name;
	}

	int retention() {
		return this.retention;
	}

	MemStream stream(StreamKey key) {
		MemStream stream = this.streams.get(key);
		return (stream != null) ? stream : this.streams.computeIfAbsent(key, (k) -> new MemStream(k, this.retention));
	}

	/**
	 * The stream of a key if anything ever created it, without creating it.
	 */
	@org.jspecify.annotations.Nullable
	MemStream existingStream(StreamKey key) {
		return this.streams.get(key);
	}

	@org.jspecify.annotations.Nullable
	ResumableGroup existingResumableGroup(String group) {
		return this.resumableGroups.get(group);
	}

	@org.jspecify.annotations.Nullable
	LoadBalancedGroup existingLoadBalancedGroup(String group) {
		return this.loadBalancedGroups.get(group);
	}

	ResumableGroup resumableGroup(String group) {
		return this.resumableGroups.computeIfAbsent(group, (g) -> new ResumableGroup());
	}

	LoadBalancedGroup loadBalancedGroup(String group) {
		return this.loadBalancedGroups.computeIfAbsent(group, LoadBalancedGroup::new);
	}

}
