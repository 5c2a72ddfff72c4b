package io.github.seastreamer.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import io.github.seastreamer.file.format.StreamShard;
import io.github.seastreamer.spi.DeliveryExecutor;

/**
 * The lag of consumer groups of one {@code .ss} file: for each stream and shard, the last
 * sequence in the file minus the group's committed sequence (every frame of that stream
 * and shard when the group never committed it).
 *
 * <p>
 * The file is read incrementally by a reader of its own that steps over payloads without
 * copying them: the first call reads the whole file, later ones only what was appended
 * since. Reading happens on a background thread shared by every file of the process,
 * never on the caller's; one read at a time per file. Damage is stepped over to the next
 * beacon, as consumers do.
 */
final class FileGroupLag {

	private static final ExecutorService READER = Executors
		.newSingleThreadExecutor(DeliveryExecutor.daemonThreads("seastreamer-file-lag"));

	private final Path path;

	private final Map<StreamShard, Extent> extents = new HashMap<>();

	private @Nullable FileChannel channel;

	private @Nullable SsReader reader;

	private boolean closed;

	FileGroupLag(Path path) {
		this.path = path;
	}

	/**
	 * The lag of the group that consumers with these options would belong to.
	 * @param streams the streams
	 * @param options the options: resumable (group {@code resumable} when unset) or
	 * load-balanced
	 * @return a future of one entry per stream and shard present in the file
	 */
	CompletableFuture<List<ShardLag>> lag(Set<StreamKey> streams, ConsumerOptions options) {
		String group;
		try {
			group = options.groupOrDefault(FileStreamer.DEFAULT_RESUMABLE_GROUP);
		}
		catch (SeaStreamerException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		Set<StreamKey> wanted = new LinkedHashSet<>(streams);
		CompletableFuture<List<ShardLag>> result = new CompletableFuture<>();
		READER.execute(() -> {
			try {
				List<ShardLag> lags = compute(wanted, GroupOffsets.of(this.path, group).snapshot());
				DeliveryExecutor.shared().execute(() -> result.complete(lags));
			}
			catch (IOException | RuntimeException ex) {
				SeaStreamerException error = (ex instanceof SeaStreamerException known) ? known : new BackendException(
						"file",
						"cannot read " + this.path + " for the lag of group `" + group + "`: " + ex.getMessage(), ex,
						true);
				DeliveryExecutor.shared().execute(() -> result.completeExceptionally(error));
			}
		});
		return result;
	}

	private synchronized List<ShardLag> compute(Set<StreamKey> wanted, Map<StreamShard, Long> committed)
			throws IOException {
		readAppended();
		List<ShardLag> lags = new ArrayList<>();
		this.extents.forEach((stream, extent) -> {
			if (!wanted.contains(stream.key())) {
				return;
			}
			Long done = committed.get(stream);
			long lag = (done == null) ? extent.count : Math.max(0, extent.last - done);
			lags.add(new ShardLag(stream.key(), ShardId.of(stream.shard()), lag));
		});
		return lags;
	}

	private void readAppended() throws IOException {
		if (this.closed) {
			throw new SeaStreamerException(ErrorKind.STREAM_ENDED,
					"the streamer of " + this.path + " was disconnected; its lag is no longer read");
		}
		SsReader reader = this.reader;
		if (reader == null) {
			FileChannel channel = FileChannel.open(this.path, StandardOpenOption.READ);
			try {
				reader = SsReader.open(SsSource.of(channel));
			}
			catch (SsFormatException ex) {
				channel.close();
				if (ex.isTruncated()) {
					// not even a whole header yet: nothing was written
					return;
				}
				throw ex;
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
			reader.interest((key) -> false);
			reader.verifyMarkers(false);
			this.channel = channel;
			this.reader = reader;
		}
		else {
			reader.invalidate();
		}
		while (true) {
			SsFrame frame;
			try {
				frame = reader.next();
			}
			catch (SsFormatException ex) {
				long before = reader.position();
				if (!reader.skipToNextBeacon(ex.offset()) || reader.position() <= before) {
					return;
				}
				continue;
			}
			if (frame == null) {
				return;
			}
			if (!frame.isEndOfStream() && !frame.key().name().equals(StreamKey.SEA_STREAMER_INTERNAL)) {
				this.extents.computeIfAbsent(new StreamShard(frame.key(), frame.shard()), (s) -> new Extent())
					.add(frame.sequence());
			}
		}
	}

	/**
	 * Stop reading the file.
	 */
	synchronized void close() {
		this.closed = true;
		FileChannel channel = this.channel;
		this.channel = null;
		this.reader = null;
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing was written through it
			}
		}
	}

	/**
	 * How many frames of a stream and shard were read, and the last sequence.
	 */
	private static final class Extent {

		private long count;

		private long last;

		void add(long sequence) {
			this.count++;
			this.last = sequence;
		}

	}

}
