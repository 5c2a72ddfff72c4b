package io.github.seastreamer.mem;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;

/**
 * One stream of a broker: its shard logs and the consumers to wake when something is
 * appended. The shard table is an immutable map replaced on the rare creation of a shard,
 * so looking a shard up takes no lock.
 */
final class MemStream {

	private final StreamKey key;

	private final int retention;

	private volatile Map<ShardId, MemLog> shards = Map.of();

	private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

	MemStream(StreamKey key, int retention) {
		this.key = key;
		this.retention = retention;
	}

	StreamKey key() {
		return this.key;
	}

	/**
	 * The shards that exist now (an immutable snapshot).
	 */
	Map<ShardId, MemLog> shards() {
		return this.shards;
	}

	/**
	 * The log of a shard, created if absent.
	 */
	MemLog shard(ShardId shard) {
		MemLog log = this.shards.get(shard);
		return (log != null) ? log : create(shard);
	}

	private synchronized MemLog create(ShardId shard) {
		MemLog log = this.shards.get(shard);
		if (log == null) {
			log = new MemLog(this.key, shard, this.retention);
			Map<ShardId, MemLog> copy = new HashMap<>(this.shards);
			copy.put(shard, log);
			this.shards = Map.copyOf(copy);
			signal();
		}
		return log;
	}

	void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	void removeListener(Listener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Tell the consumers of this stream that something was appended (or a shard created).
	 */
	void signal() {
		for (Listener listener : this.listeners) {
			listener.appended();
		}
	}

	/**
	 * Something to wake when a stream changes.
	 */
	interface Listener {

		/**
		 * Called on the appending thread after an append; must be cheap and not block.
		 */
		void appended();

	}

}
