package io.github.seastreamer.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.Capability;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectionException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.GroupLagReporter;
import io.github.seastreamer.GroupRepositioner;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import io.github.seastreamer.file.format.StreamShard;

/**
 * A streamer over one {@code .ss} file. Producers of the same file in this process share
 * one writer; consumers each have a reader thread (load-balanced groups share theirs).
 */
final class FileStreamer implements Streamer, GroupLagReporter, GroupRepositioner {

	/** The group of resumable consumers that name none. */
	static final String DEFAULT_RESUMABLE_GROUP = "resumable";

	private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.BINARY_PAYLOAD,
			Capability.PERSISTENT, Capability.RESUMABLE, Capability.LOAD_BALANCED, Capability.COMMIT, Capability.SEEK,
			Capability.REWIND, Capability.SHARDS, Capability.ASSIGN, Capability.RECEIPT_SEQUENCE));

	private final StreamerUri uri;

	private final Path path;

	private final FileConnectOptions options;

	private final FileRegistry.Entry entry;

	private final Set<FileProducer> producers = ConcurrentHashMap.newKeySet();

	private final Set<FileConsumer> consumers = ConcurrentHashMap.newKeySet();

	private final Map<String, GroupOffsets> offsets = new ConcurrentHashMap<>();

	private final FileGroupLag lag;

	private volatile boolean disconnected;

	FileStreamer(StreamerUri uri, Path path, FileConnectOptions options) {
		this.uri = uri;
		this.path = path;
		this.options = options;
		prepare();
		this.entry = FileRegistry.entry(path);
		this.lag = new FileGroupLag(path);
	}

	/**
	 * The file path of a URI: the first node without {@code file://} and trailing
	 * slashes.
	 * @param uri the URI
	 * @return the path
	 */
	static Path pathOf(StreamerUri uri) {
		String text = uri.firstNode().withoutScheme();
		while (text.length() > 1 && text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		if (text.isEmpty() || text.equals(".")) {
			throw new ConfigurationException("file URI `" + uri + "` names no file; write file:///path/to/file.ss");
		}
		return Path.of(text.replace("%20", " "));
	}

	private void prepare() {
		try {
			switch (this.options.createFile()) {
				case NEVER -> {
					if (!Files.exists(this.path)) {
						throw new ConnectionException("file " + this.path
								+ " does not exist (create_file is NEVER; use CREATE_IF_NOT_EXISTS to create it)");
					}
				}
				case CREATE_IF_NOT_EXISTS -> {
					try {
						Files.createFile(this.path);
					}
					catch (FileAlreadyExistsException ex) {
						// an existing file is used as it is
					}
				}
				case ALWAYS -> Files.createFile(this.path);
			}
			if (Files.isDirectory(this.path)) {
				throw new ConnectionException(this.path + " is a directory, not a .ss file");
			}
			try (FileChannel channel = FileChannel.open(this.path, StandardOpenOption.READ)) {
				if (channel.size() > 0) {
					try {
						SsReader.open(SsSource.of(channel));
					}
					catch (SsFormatException ex) {
						if (!ex.isTruncated()) {
							throw new BackendException("file", "refusing to open " + this.path + ": " + ex.problem(),
									ex, false);
						}
					}
				}
			}
		}
		catch (FileAlreadyExistsException ex) {
			throw new ConnectionException("file " + this.path + " already exists (create_file is ALWAYS)", ex);
		}
		catch (IOException ex) {
			throw new ConnectionException("cannot open " + this.path + ": " + ex, ex);
		}
	}

	Path path() {
		return this.path;
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
		requireConnected();
		ShardId shard = options.extension(FileProducerOptions.class)
			.map(FileProducerOptions::shard)
			.orElse(ShardId.ZERO);
		SharedWriter writer = this.entry.acquireWriter(this.options);
		FileProducer producer = new FileProducer(this, writer, shard);
		this.producers.add(producer);
		return producer;
	}

	CompletableFuture<Void> release(FileProducer producer) {
		this.producers.remove(producer);
		return this.entry.releaseWriter(producer.writer());
	}

	@Override
	public Consumer createConsumer(Collection<StreamKey> keys, ConsumerOptions options) {
		requireConnected();
		if (keys.isEmpty()) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_EMPTY, "a consumer needs at least one stream");
		}
		FileConsumerOptions fileOptions = options.extension(FileConsumerOptions.class)
			.orElse(FileConsumerOptions.defaults());
		Set<StreamKey> keySet = new LinkedHashSet<>(keys);
		boolean wildcard = keySet.stream().anyMatch((k) -> k.name().equals(StreamKey.SEA_STREAMER_WILDCARD));
		ConsumerMode mode = options.mode();
		if (mode == ConsumerMode.REAL_TIME && options.group().isPresent()) {
			throw new SeaStreamerException(ErrorKind.CONSUMER_GROUP_IS_SET,
					"a real-time file consumer reads on its own; drop the group or use LOAD_BALANCED");
		}
		if (mode == ConsumerMode.LOAD_BALANCED) {
			options.requireGroup();
		}
		if (wildcard && options.group().isPresent()) {
			throw new ConfigurationException("Wildcard stream can only be subscribed in ungrouped Consumer (group "
					+ options.group().get() + ")");
		}
		if (!fileOptions.liveStreaming() && options.streamReset() == StreamReset.LATEST
				&& mode != ConsumerMode.RESUMABLE) {
			throw new ConfigurationException(
					"Cannot stream from a non-live file at the end: " + "use stream reset EARLIEST or live streaming");
		}
		int capacity = this.options.prefetchMessages();
		if (mode == ConsumerMode.LOAD_BALANCED) {
			String group = options.requireGroup();
			GroupOffsets groupOffsets = this.offsets.computeIfAbsent(group, (g) -> GroupOffsets.of(this.path, g));
			FileConsumer consumer = new FileConsumer(this, keySet, mode, capacity, groupOffsets);
			synchronized (this.entry) {
				ReaderTask task = this.entry.group(group);
				boolean fresh = task == null;
				if (fresh) {
					Map<StreamShard, Long> resume = groupOffsets.snapshot();
					resume.keySet().removeIf((s) -> !keySet.contains(s.key()));
					task = new ReaderTask(this.path, this.entry, fileOptions.liveStreaming(), options.streamReset(),
							fileOptions.onCorruption(), group, resume, capacity);
					this.entry.putGroup(group, task);
				}
				consumer.attach(task);
				task.add(consumer);
				if (fresh) {
					task.start();
				}
			}
			this.consumers.add(consumer);
			return consumer;
		}
		GroupOffsets groupOffsets = null;
		Map<StreamShard, Long> resume = null;
		if (mode == ConsumerMode.RESUMABLE) {
			String group = options.groupOrDefault(DEFAULT_RESUMABLE_GROUP);
			groupOffsets = this.offsets.computeIfAbsent(group, (g) -> GroupOffsets.of(this.path, g));
			resume = groupOffsets.snapshot();
			resume.keySet().removeIf((s) -> !keySet.contains(s.key()) && !wildcard);
		}
		FileConsumer consumer = new FileConsumer(this, keySet, mode, capacity, groupOffsets);
		ReaderTask task = new ReaderTask(this.path, this.entry, fileOptions.liveStreaming(), options.streamReset(),
				fileOptions.onCorruption(), null, resume, capacity);
		consumer.attach(task);
		task.add(consumer);
		task.start();
		this.consumers.add(consumer);
		return consumer;
	}

	/**
	 * The last sequence of each stream and shard in the file minus the group's committed
	 * sequence, read on a background thread (see {@link FileGroupLag}).
	 */
	@Override
	public CompletableFuture<List<ShardLag>> groupLag(Collection<StreamKey> streams, ConsumerOptions options) {
		return this.lag.lag(new LinkedHashSet<>(streams), options);
	}

	/**
	 * Set the group's committed positions in its offsets file (see
	 * {@link FileGroupMover}).
	 */
	@Override
	public CompletableFuture<Void> moveGroup(Collection<StreamKey> streams, ConsumerOptions options, SeqPos position) {
		return new FileGroupMover(this.path).move(new LinkedHashSet<>(streams), options, position);
	}

	/**
	 * Set the group's committed positions before the first frame at or after the time.
	 */
	@Override
	public CompletableFuture<Void> moveGroup(Collection<StreamKey> streams, ConsumerOptions options, Instant time) {
		return new FileGroupMover(this.path).move(new LinkedHashSet<>(streams), options, time);
	}

	void forget(FileConsumer consumer) {
		this.consumers.remove(consumer);
	}

	private void requireConnected() {
		if (this.disconnected) {
			throw new SeaStreamerException(ErrorKind.STREAM_ENDED,
					"the streamer of " + this.path + " was disconnected");
		}
	}

	@Override
	public CompletableFuture<Void> disconnect() {
		this.disconnected = true;
		this.lag.close();
		List<CompletableFuture<Void>> ends = new ArrayList<>();
		for (FileProducer producer : new ArrayList<>(this.producers)) {
			ends.add(producer.endNow());
		}
		for (FileConsumer consumer : new ArrayList<>(this.consumers)) {
			consumer.close();
		}
		return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
	}

	@Override
	public String toString() {
		return "FileStreamer{" + this.uri + "}";
	}

}
