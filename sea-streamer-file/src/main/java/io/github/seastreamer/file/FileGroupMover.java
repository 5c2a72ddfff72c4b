package io.github.seastreamer.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import io.github.seastreamer.file.format.StreamShard;
import io.github.seastreamer.spi.DeliveryExecutor;

/**
 * Moves the committed positions of a consumer group of one {@code .ss} file (its
 * {@code <file>.<group>.offsets}), also backwards: to the beginning (before the first
 * frame of each stream and shard), the end (its last frame), a sequence number, or the
 * first frame at or after a time.
 *
 * <p>
 * Each move reads the whole file once, stepping over payloads, on a background thread
 * shared by every file of the process; never on the caller's thread. Consumers of the
 * group created afterwards resume from the new positions; consumers running meanwhile are
 * not repositioned.
 */
final class FileGroupMover {

	private static final ExecutorService MOVER = Executors
		.newSingleThreadExecutor(DeliveryExecutor.daemonThreads("seastreamer-file-move"));

	private final Path path;

	FileGroupMover(Path path) {
		this.path = path;
	}

	CompletableFuture<Void> move(Set<StreamKey> streams, ConsumerOptions options, SeqPos position) {
		return move(streams, options, (extent) -> {
			if (position instanceof SeqPos.Beginning) {
				return extent.first - 1;
			}
			if (position instanceof SeqPos.End) {
				return extent.last;
			}
			long at = ((SeqPos.At) position).sequence();
			return (at == 0) ? 0 : at - 1;
		}, Long.MIN_VALUE);
	}

	CompletableFuture<Void> move(Set<StreamKey> streams, ConsumerOptions options, Instant time) {
		return move(streams, options, (extent) -> (extent.before != null) ? extent.before : extent.first - 1,
				time.toEpochMilli());
	}

	private CompletableFuture<Void> move(Set<StreamKey> streams, ConsumerOptions options, Target target, long timeMs) {
		String group;
		try {
			group = options.groupOrDefault(FileStreamer.DEFAULT_RESUMABLE_GROUP);
		}
		catch (SeaStreamerException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		Set<StreamKey> wanted = new LinkedHashSet<>(streams);
		CompletableFuture<Void> result = new CompletableFuture<>();
		MOVER.execute(() -> {
			try {
				Map<StreamShard, Long> positions = new HashMap<>();
				scan(wanted, timeMs).forEach((stream, extent) -> positions.put(stream, target.committed(extent)));
				GroupOffsets.of(this.path, group).move(positions).whenComplete((done, error) -> {
					if (error != null) {
						result.completeExceptionally(error);
					}
					else {
						result.complete(null);
					}
				});
			}
			catch (IOException | RuntimeException ex) {
				SeaStreamerException error = (ex instanceof SeaStreamerException known) ? known
						: new BackendException("file",
								"cannot read " + this.path + " to move group `" + group + "`: " + ex.getMessage(), ex,
								true);
				DeliveryExecutor.shared().execute(() -> result.completeExceptionally(error));
			}
		});
		return result;
	}

	private Map<StreamShard, Extent> scan(Set<StreamKey> wanted, long timeMs) throws IOException {
		Map<StreamShard, Extent> extents = new HashMap<>();
		try (FileChannel channel = FileChannel.open(this.path, StandardOpenOption.READ)) {
			SsReader reader;
			try {
				reader = SsReader.open(SsSource.of(channel));
			}
			catch (SsFormatException ex) {
				if (ex.isTruncated()) {
					return extents;
				}
				throw ex;
			}
			reader.interest((key) -> false);
			reader.verifyMarkers(false);
			while (true) {
				SsFrame frame;
				try {
					frame = reader.next();
				}
				catch (SsFormatException ex) {
					long before = reader.position();
					if (!reader.skipToNextBeacon(ex.offset()) || reader.position() <= before) {
						return extents;
					}
					continue;
				}
				if (frame == null) {
					return extents;
				}
				if (wanted.contains(frame.key()) && !frame.isEndOfStream()) {
					Extent extent = extents.computeIfAbsent(new StreamShard(frame.key(), frame.shard()),
							(s) -> new Extent(frame.sequence()));
					extent.last = frame.sequence();
					if (frame.timestampMs() < timeMs) {
						extent.before = frame.sequence();
					}
				}
			}
		}
	}

	@FunctionalInterface
	private interface Target {

		long committed(Extent extent);

	}

	/**
	 * The first and last sequence of a stream and shard, and the last one before the
	 * time.
	 */
	private static final class Extent {

		private final long first;

		private long last;

		private @org.jspecify.annotations.Nullable Long before;

		Extent(long first) {
			this.first = first;
			this.last = first;
		}

	}

}
