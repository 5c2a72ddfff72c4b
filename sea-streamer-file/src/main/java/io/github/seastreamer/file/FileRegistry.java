package io.github.seastreamer.file;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

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
