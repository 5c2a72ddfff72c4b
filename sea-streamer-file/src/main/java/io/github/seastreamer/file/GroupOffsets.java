package io.github.seastreamer.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.file.format.StreamShard;
import io.github.seastreamer.spi.DeliveryExecutor;

/**
 * The committed positions of one consumer group of one file, kept beside it in
 * {@code <file>.<group>.offsets}: one line {@code <stream key> <shard> <sequence>} per
 * stream and shard, the sequence of the last committed message.
 *
 * <p>
 * Commits are batched on a background thread; each write goes to a temporary file that is
 * fsynced, then atomically renamed over the old one, so a crash leaves either the old or
 * the new positions, never a torn file. A commit's future completes once its position is
 * durable.
 */
final class GroupOffsets {

	private static final ExecutorService COMMITTER = Executors
		.newSingleThreadExecutor(DeliveryExecutor.daemonThreads("seastreamer-file-commit"));

	private final Path file;

	private final Map<StreamShard, Long> committed = new TreeMap<>();

	private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

	private boolean scheduled;

	private boolean dirty;

	private static final Map<Path, GroupOffsets> INSTANCES = new java.util.concurrent.ConcurrentHashMap<>();

	private GroupOffsets(Path file) {
		this.file = file;
		load();
	}

	/**
	 * The offsets of a group of a file, one instance per process so that consumers of
	 * several streamers do not overwrite each other's commits.
	 * @param ssFile the {@code .ss} file
	 * @param group the group
	 * @return the offsets
	 */
	static GroupOffsets of(Path ssFile, String group) {
		Path file = ssFile.toAbsolutePath()
			.normalize()
			.resolveSibling(ssFile.getFileName() + "." + sanitize(group) + ".offsets");
		return INSTANCES.computeIfAbsent(file, GroupOffsets::new);
	}

	private static String sanitize(String group) {
		StringBuilder out = new StringBuilder();
		for (char c : group.toCharArray()) {
			out.append((Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') ? c : '_');
		}
		return out.toString();
	}

	Path path() {
		return this.file;
	}

	private void load() {
		if (!Files.exists(this.file)) {
			return;
		}
		try {
			for (String line : Files.readAllLines(this.file, StandardCharsets.UTF_8)) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.trim().split(" ");
				if (parts.length != 3 || !StreamKey.isValid(parts[0])) {
					throw new BackendException("file", "offsets file " + this.file + " has a malformed line: " + line);
				}
				this.committed.put(new StreamShard(StreamKey.of(parts[0]), Long.parseUnsignedLong(parts[1])),
						Long.parseUnsignedLong(parts[2]));
			}
		}
		catch (IOException | NumberFormatException ex) {
			throw new BackendException("file", "cannot read offsets file " + this.file + ": " + ex.getMessage(), ex,
					false);
		}
	}

	synchronized Map<StreamShard, Long> snapshot() {
		return new TreeMap<>(this.committed);
	}

	CompletableFuture<Void> commit(MessageHeader header) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		synchronized (this) {
			StreamShard stream = new StreamShard(header.streamKey(), header.shardId().id());
			this.committed.merge(stream, header.sequence(), (a, b) -> (Long.compareUnsigned(a, b) >= 0) ? a : b);
			this.dirty = true;
			this.waiting.add(future);
			if (!this.scheduled) {
				this.scheduled = true;
				COMMITTER.execute(this::persist);
			}
		}
		return future;
	}

	/**
	 * Set positions, also backwards (an operator moving the group); durable once the
	 * future completes.
	 */
	CompletableFuture<Void> move(Map<StreamShard, Long> positions) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		synchronized (this) {
			this.committed.putAll(positions);
			this.dirty = true;
			this.waiting.add(future);
			if (!this.scheduled) {
				this.scheduled = true;
				COMMITTER.execute(this::persist);
			}
		}
		return future;
	}

	CompletableFuture<Void> flush() {
		synchronized (this) {
			if (!this.dirty && this.waiting.isEmpty()) {
				return CompletableFuture.completedFuture(null);
			}
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		COMMITTER.execute(() -> {
			persist();
			done.complete(null);
		});
		return done;
	}

	private void persist() {
		Map<StreamShard, Long> snapshot;
		List<CompletableFuture<Void>> futures;
		synchronized (this) {
			this.scheduled = false;
			if (!this.dirty && this.waiting.isEmpty()) {
				return;
			}
			snapshot = new TreeMap<>(this.committed);
			futures = new ArrayList<>(this.waiting);
			this.waiting.clear();
			this.dirty = false;
		}
		try {
			StringBuilder text = new StringBuilder("# sea-streamer file offsets v1: <stream key> <shard> <sequence>\n");
			snapshot.forEach((k, v) -> text.append(k.key().name())
				.append(' ')
				.append(Long.toUnsignedString(k.shard()))
				.append(' ')
				.append(Long.toUnsignedString(v))
				.append('\n'));
			Path tmp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
			try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					ch.write(bytes);
				}
				ch.force(true);
			}
			try {
				Files.move(tmp, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
			DeliveryExecutor.shared().execute(() -> futures.forEach((f) -> f.complete(null)));
		}
		catch (IOException ex) {
			BackendException error = new BackendException("file",
					"cannot write offsets file " + this.file + ": " + ex.getMessage(), ex, true);
			DeliveryExecutor.shared().execute(() -> futures.forEach((f) -> f.completeExceptionally(error)));
		}
	}

}
