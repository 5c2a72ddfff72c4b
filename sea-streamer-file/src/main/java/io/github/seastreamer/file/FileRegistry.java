package io.github.seastreamer.file;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import io.github.seastreamer.StreamKey;
import org.jspecify.annotations.Nullable;

/**
 * What this process shares per file: the one writer, the group readers, and the threads
 * to wake when the writer has written (so an in-process tail sees new messages at once).
 */
final class FileRegistry {

	private static final Map<Path, Entry> ENTRIES = new ConcurrentHashMap<>();

	private FileRegistry() {
	}

	static Entry entry(Path path) {
		return ENTRIES.computeIfAbsent(path.toAbsolutePath().normalize(), Entry::new);
	}

	static final class Entry {

		final Path path;

		private @Nullable SharedWriter writer;

		private final CopyOnWriteArrayList<Thread> waiters = new CopyOnWriteArrayList<>();

		private final Map<String, ReaderTask> groups = new HashMap<>();

		/**
		 * Where each stream's first frame lies, recorded by the in-process writer from
		 * the creation of the file on; a hint for seeks, valid only while
		 * {@link #startsCreatedMs} matches the header of the file read and no other
		 * writer touched it.
		 */
		private final Map<StreamKey, Long> starts = new ConcurrentHashMap<>();

		private volatile long startsCreatedMs = -1;

		private volatile long startsEnd = -1;

		Entry(Path path) {
			this.path = path;
		}

		synchronized SharedWriter acquireWriter(FileConnectOptions options) {
			if (this.writer == null || this.writer.isClosed()) {
				this.writer = new SharedWriter(this.path, options, this);
			}
			this.writer.retain();
			return this.writer;
		}

		CompletableFuture<Void> releaseWriter(SharedWriter writer) {
			boolean close;
			synchronized (this) {
				close = writer.release();
				if (close && this.writer == writer) {
					this.writer = null;
				}
			}
			return close ? writer.close() : CompletableFuture.completedFuture(null);
		}

		synchronized void writerEnded(SharedWriter writer) {
			if (this.writer == writer) {
				this.writer = null;
			}
		}

		void addWaiter(Thread thread) {
			this.waiters.add(thread);
		}

		void removeWaiter(Thread thread) {
			this.waiters.remove(thread);
		}

		void signal() {
			for (Thread thread : this.waiters) {
				LockSupport.unpark(thread);
			}
		}

		/**
		 * A writer created the file: from now on it records where each stream starts.
		 * Called on the writer thread.
		 */
		void startIndex(long createdMs) {
			this.starts.clear();
			this.startsEnd = -1;
			this.startsCreatedMs = createdMs;
		}

		/**
		 * A writer reopened the file: the index stays valid only if the file is exactly
		 * as the last in-process writer left it. Called on the writer thread.
		 */
		void continueIndex(long createdMs, long size) {
			if (this.startsCreatedMs != createdMs || this.startsEnd != size) {
				dropIndex();
			}
			else {
				this.startsEnd = -1;
			}
		}

		/** The index can no longer be trusted (a writer failed). */
		void dropIndex() {
			this.startsCreatedMs = -1;
			this.startsEnd = -1;
			this.starts.clear();
		}

		/** The writer closed the file at this size. */
		void indexEnds(long size) {
			this.startsEnd = size;
		}

		/**
		 * Record the first frame of a stream, before its bytes are written.
		 * @param key the stream
		 * @param offset the position at or before which its first frame starts
		 */
		void recordStart(StreamKey key, long offset) {
			if (this.startsCreatedMs != -1) {
				this.starts.putIfAbsent(key, offset);
			}
		}

		/**
		 * The offset before which none of the streams has a frame, or 0 if unknown.
		 * @param keys the streams
		 * @param createdMs the creation time in the header of the file read
		 * @return the offset
		 */
		long startOf(Iterable<StreamKey> keys, long createdMs) {
			if (this.startsCreatedMs != createdMs || createdMs == -1) {
				return 0;
			}
			long min = Long.MAX_VALUE;
			for (StreamKey key : keys) {
				Long at = this.starts.get(key);
				if (at == null) {
					return 0;
				}
				min = Math.min(min, at);
			}
			return (min == Long.MAX_VALUE || this.startsCreatedMs != createdMs) ? 0 : min;
		}

		synchronized @Nullable ReaderTask group(String name) {
			ReaderTask task = this.groups.get(name);
			return (task != null && task.isStopped()) ? null : task;
		}

		synchronized void putGroup(String name, ReaderTask task) {
			this.groups.put(name, task);
		}

		synchronized void removeGroup(String name, ReaderTask task) {
			this.groups.remove(name, task);
		}

	}

}
