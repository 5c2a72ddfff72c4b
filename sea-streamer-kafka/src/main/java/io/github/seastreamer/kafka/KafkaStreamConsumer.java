package io.github.seastreamer.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spi.DeliveryExecutor;
import io.github.seastreamer.spi.Inbox;

/**
 * A consumer on one Kafka client, driven by its own poll thread.
 *
 * <p>
 * Every client operation (poll, seek, assign, commit) runs on the poll thread; callers
 * queue commands and get futures. Records go to callers whole, a poll's batch per
 * partition, through a bounded {@link RecordHandOver} (over an {@link Inbox}), and each
 * message is built on the caller's thread; when it is full the partitions are paused (the
 * poll loop keeps polling every few milliseconds and moves what fits, so the group
 * session and {@code max.poll.interval.ms} stay fine) and resumed once the backlog is
 * handed over. A seek, rewind, unassign or revocation drains what is buffered; partitions
 * that keep their position are sought back to their earliest drained message, so nothing
 * is lost.
 */
final class KafkaStreamConsumer implements io.github.seastreamer.Consumer {

	private static final Logger logger = LoggerFactory.getLogger(KafkaStreamConsumer.class);

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final Duration IDLE_POLL = Duration.ofMillis(500);

	private static final Duration BACKLOG_POLL = Duration.ofMillis(2);

	private final KafkaStreamer streamer;

	private final Set<StreamKey> keys;

	private final List<String> topics;

	private final ConsumerMode mode;

	private final KafkaConsumerOptions kafkaOptions;

	/**
	 * The Kafka client, made on the thread that creates this consumer while the poll
	 * thread starts (making it does no network I/O), or why it could not be made.
	 */
	private final CompletableFuture<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> clientMade = new CompletableFuture<>();

	private final RecordHandOver handOver;

	/** Whether the client reads committed records only (for seek offsets). */
	private final boolean readCommitted;

	/**
	 * Whether the start positions of the partitions assigned first are fixed before the
	 * first poll (not for {@code auto.offset.reset=earliest}).
	 */
	private final boolean resolveStartPositions;

	private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();

	private final Map<String, Map<Integer, PartitionState>> states = new HashMap<>();

	private final ConcurrentHashMap<TopicPartition, Long> pendingCommits = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<CompletableFuture<Void>> commitWaiters = new ConcurrentLinkedQueue<>();

	private final ArrayDeque<RecordHandOver.Batch> overflow = new ArrayDeque<>();

	private final Thread pollThread;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private volatile Set<TopicPartition> assignmentSnapshot = Set.of();

	private volatile @Nullable Set<TopicPartition> selection;

	private volatile boolean closing;

	private volatile boolean inPoll;

	private org.apache.kafka.clients.consumer.@Nullable Consumer<byte[], byte[]> client;

	private boolean paused;

	private long nextCommitNanos;

	private long nextDiscoveryNanos;

	KafkaStreamConsumer(KafkaStreamer streamer, Collection<StreamKey> keys, ConsumerMode mode,
			KafkaConsumerOptions kafkaOptions, boolean readCommitted, boolean resolveStartPositions,
			Supplier<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> clientSupplier) {
		this.resolveStartPositions = resolveStartPositions;
		this.streamer = streamer;
		this.keys = Set.copyOf(new LinkedHashSet<>(keys));
		this.topics = keys.stream().map(StreamKey::name).distinct().toList();
		this.mode = mode;
		this.kafkaOptions = kafkaOptions;
		this.readCommitted = readCommitted;
		// a caller that has taken half of a full buffer wakes the poll thread, which
		// would
		// otherwise find out only at the end of its short backlog poll
		this.handOver = new RecordHandOver(kafkaOptions.bufferSize(), DeliveryExecutor.shared(), RecordHandOver.YIELDS,
				this::wakeup);
		this.pollThread = new Thread(this::run, "seastreamer-kafka-consumer-" + COUNTER.incrementAndGet());
		this.pollThread.setDaemon(true);
		this.pollThread.start();
		// the client is made here while the poll thread starts, rather than after: its
		// first poll waits for one of the two, not for both in turn; a failure is the
		// poll thread's to report, as any other
		try {
			this.clientMade.complete(clientSupplier.get());
		}
		catch (RuntimeException | Error ex) {
			this.clientMade.completeExceptionally(ex);
		}
	}

	/**
	 * The next message, built on the calling thread from the records the poll thread
	 * handed over; a call abandoned by a timeout or a cancellation gives its message back
	 * instead of losing it.
	 */
	@Override
	public CompletableFuture<Message> next() {
		return this.handOver.next();
	}

	/**
	 * A message already handed over by the poll thread, built on the calling thread;
	 * {@code null} when none is buffered (or while another caller is taking one). Never
	 * waits.
	 */
	@Override
	public @Nullable Message poll() {
		return this.handOver.poll();
	}

	@Override
	public Set<StreamKey> streamKeys() {
		return this.keys;
	}

	@Override
	public ConsumerMode mode() {
		return this.mode;
	}

	/**
	 * Seek: the offsets of the first records at or after the time are asked through the
	 * streamer's admin client while this consumer keeps fetching (the consumer's own
	 * {@code offsetsForTimes} would stop the poll thread for a round trip), then applied
	 * on the poll thread; if the admin client fails, the consumer asks itself. The
	 * partitions asked for are those assigned; while the poll thread is still starting
	 * (nothing assigned yet), a consumer that reads every partition of its topics asks
	 * the cluster for them, so that the answer is ready when the poll thread is (a
	 * partition the answer misses is asked on the poll thread).
	 */
	@Override
	public CompletableFuture<Void> seek(Instant timestamp) {
		long time = timestamp.toEpochMilli();
		CompletableFuture<Void> result = new CompletableFuture<>();
		if (this.closing) {
			result.completeExceptionally(new StreamEndedException("kafka consumer is closed"));
			return result;
		}
		if (this.mode != ConsumerMode.LOAD_BALANCED && this.selection == null) {
			Set<TopicPartition> snapshot = this.assignmentSnapshot;
			CompletableFuture<Set<TopicPartition>> partitions = snapshot.isEmpty()
					? this.streamer.partitionsOf(this.topics) : CompletableFuture.completedFuture(snapshot);
			partitions.thenCompose((tps) -> this.streamer.offsetsForTime(tps, time, this.readCommitted))
				.whenComplete((offsets, error) -> applySeekLater(time, offsets, error, result));
			return result;
		}
		CompletableFuture<Void> asked = command(() -> {
			Set<TopicPartition> assignment = new HashSet<>(client().assignment());
			this.streamer.offsetsForTime(assignment, time, this.readCommitted)
				.whenComplete((offsets, error) -> applySeekLater(time, offsets, error, result));
		});
		asked.whenComplete((v, failure) -> {
			if (failure != null) {
				result.completeExceptionally(failure);
			}
		});
		return result;
	}

	private void applySeekLater(long time, @Nullable Map<TopicPartition, Long> offsets, @Nullable Throwable error,
			CompletableFuture<Void> result) {
		if (error != null) {
			logger.debug("Admin offsets for {} failed ({}); the consumer asks itself", this.topics, error.toString());
		}
		Map<TopicPartition, Long> known = (error == null && offsets != null) ? offsets : Map.of();
		command(() -> applySeek(time, known)).whenComplete((v, failure) -> {
			if (failure != null) {
				result.completeExceptionally(failure);
			}
			else {
				result.complete(null);
			}
		});
	}

	/**
	 * Move every assigned partition to its offset for the time (asking the consumer for
	 * partitions not in {@code known}); a partition whose next undelivered message is
	 * already the target keeps its buffered messages and fetch position (a seek to the
	 * start of a fresh stream would otherwise drop and fetch again what was just
	 * fetched).
	 */
	private void applySeek(long time, Map<TopicPartition, Long> known) {
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
		Set<TopicPartition> assignment = consumer.assignment();
		Map<TopicPartition, Long> targets = new HashMap<>();
		Map<TopicPartition, Long> query = new HashMap<>();
		for (TopicPartition tp : assignment) {
			Long offset = known.get(tp);
			if (offset != null) {
				targets.put(tp, offset);
			}
			else {
				query.put(tp, time);
			}
		}
		if (!query.isEmpty()) {
			Map<TopicPartition, OffsetAndTimestamp> found = retrying(() -> consumer.offsetsForTimes(query));
			for (TopicPartition tp : query.keySet()) {
				OffsetAndTimestamp offset = found.get(tp);
				targets.put(tp, (offset != null) ? offset.offset() : -1L);
			}
		}
		RecordHandOver.Taken buffered = takeBuffered();
		// the first undelivered offset of each partition: the first in delivery order
		Map<TopicPartition, Long> next = new HashMap<>();
		for (Message message : buffered.messages()) {
			next.putIfAbsent(partitionOf(message), message.sequence());
		}
		for (RecordHandOver.Batch batch : buffered.batches()) {
			next.putIfAbsent(batch.partition(), batch.firstOffset());
		}
		Set<TopicPartition> kept = new HashSet<>();
		List<TopicPartition> toEnd = new ArrayList<>();
		for (TopicPartition tp : assignment) {
			long target = targets.get(tp);
			if (target < 0) {
				toEnd.add(tp);
			}
			else if (target == next.computeIfAbsent(tp, (p) -> positionIfKnown(consumer, p))) {
				kept.add(tp);
			}
			else {
				consumer.seek(tp, target);
			}
		}
		if (!toEnd.isEmpty()) {
			consumer.seekToEnd(toEnd);
			resolvePositions(consumer, toEnd);
		}
		List<Message> keptMessages = new ArrayList<>();
		for (Message message : buffered.messages()) {
			if (kept.contains(partitionOf(message))) {
				keptMessages.add(message);
			}
		}
		this.handOver.restore(keptMessages);
		for (RecordHandOver.Batch batch : buffered.batches()) {
			if (kept.contains(batch.partition())) {
				rebuffer(batch);
			}
		}
		if (this.overflow.isEmpty()) {
			resume();
		}
		else {
			pause();
		}
	}

	/**
	 * The client's position of a partition if it has one without asking the broker, else
	 * {@code -1}: a partition whose start position is not resolved yet (a fresh consumer)
	 * is simply sought, without a round trip for a position the seek replaces.
	 */
	private static long positionIfKnown(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
			TopicPartition partition) {
		try {
			return retrying(() -> consumer.position(partition, Duration.ZERO));
		}
		catch (org.apache.kafka.common.errors.TimeoutException ex) {
			return -1;
		}
	}

	@Override
	public CompletableFuture<Void> rewind(SeqPos position) {
		return command(() -> {
			org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
			Set<TopicPartition> assignment = consumer.assignment();
			if (position instanceof SeqPos.Beginning) {
				consumer.seekToBeginning(assignment);
				resolvePositions(consumer, assignment);
			}
			else if (position instanceof SeqPos.End) {
				consumer.seekToEnd(assignment);
				resolvePositions(consumer, assignment);
			}
			else if (position instanceof SeqPos.At at) {
				if (at.sequence() < 0) {
					throw new SeaStreamerException(ErrorKind.CONFIG, "kafka offset must be at most " + Long.MAX_VALUE
							+ ", was " + Long.toUnsignedString(at.sequence()));
				}
				for (TopicPartition tp : assignment) {
					consumer.seek(tp, at.sequence());
				}
			}
			dropBuffered(assignment);
		});
	}

	/**
	 * Resolve lazy seeks now, so that the future of a rewind completes with the positions
	 * fixed (a message produced after {@code rewind(END)} completed is delivered).
	 */
	private static void resolvePositions(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
			Collection<TopicPartition> partitions) {
		for (TopicPartition tp : partitions) {
			retrying(() -> consumer.position(tp, Duration.ofSeconds(30)));
		}
	}

	@Override
	public void assign(StreamKey key, ShardId shard) {
		requireSubscribed(key);
		requireManualAssignment("assign");
		TopicPartition tp = new TopicPartition(key.name(), toPartition(shard));
		synchronized (this) {
			Set<TopicPartition> next = new LinkedHashSet<>(
					(this.selection != null) ? this.selection : this.assignmentSnapshot);
			next.add(tp);
			this.selection = next;
		}
		command(this::applySelection);
	}

	@Override
	public void unassign(StreamKey key, ShardId shard) {
		requireSubscribed(key);
		requireManualAssignment("unassign");
		TopicPartition tp = new TopicPartition(key.name(), toPartition(shard));
		synchronized (this) {
			Set<TopicPartition> next = new LinkedHashSet<>(
					(this.selection != null) ? this.selection : this.assignmentSnapshot);
			if (!next.remove(tp)) {
				throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
						"partition " + shard + " of `" + key + "` is not assigned");
			}
			if (next.isEmpty()) {
				throw new SeaStreamerException(ErrorKind.STREAM_KEY_EMPTY,
						"unassigning partition " + shard + " of `" + key + "` would leave no partition");
			}
			this.selection = next;
		}
		command(this::applySelection);
	}

	private void requireSubscribed(StreamKey key) {
		if (!this.keys.contains(key)) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
					"`" + key + "` is not subscribed by this consumer (subscribed: " + this.keys + ")");
		}
	}

	private void requireManualAssignment(String operation) {
		if (this.mode == ConsumerMode.LOAD_BALANCED) {
			throw new SeaStreamerException(ErrorKind.UNSUPPORTED, operation
					+ " on a load-balanced Kafka consumer: its partitions are assigned by the Kafka group protocol");
		}
	}

	private static int toPartition(ShardId shard) {
		if (shard.id() < 0 || shard.id() > Integer.MAX_VALUE) {
			throw new SeaStreamerException(ErrorKind.CONFIG, "kafka partition out of range: " + shard);
		}
		return (int) shard.id();
	}

	/**
	 * Mark a message as done: commits its offset + 1 (the next offset to read) for its
	 * partition, in the background.
	 */
	@Override
	public CompletableFuture<Void> commit(MessageHeader header) {
		if (this.mode == ConsumerMode.REAL_TIME) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.COMMIT_NOT_ALLOWED,
					"a real-time Kafka consumer has no consumer group to commit to"));
		}
		if (!this.keys.contains(header.streamKey())) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
					"`" + header.streamKey() + "` is not subscribed by this consumer"));
		}
		if (this.closing) {
			return CompletableFuture.failedFuture(new StreamEndedException("kafka consumer is closed"));
		}
		TopicPartition tp = new TopicPartition(header.streamKey().name(), toPartition(header.shardId()));
		this.pendingCommits.merge(tp, header.sequence() + 1, Math::max);
		CompletableFuture<Void> waiter = new CompletableFuture<>();
		this.commitWaiters.add(waiter);
		return waiter;
	}

	@Override
	public void close() {
		if (this.closing) {
			awaitTermination();
			return;
		}
		this.closing = true;
		wakeup();
		awaitTermination();
	}

	CompletableFuture<Void> closeAsync() {
		this.closing = true;
		wakeup();
		return this.terminated;
	}

	private void awaitTermination() {
		if (Thread.currentThread() == this.pollThread) {
			return;
		}
		try {
			this.terminated.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Kafka consumer did not close in time: {}", ex.toString());
		}
	}

	private CompletableFuture<Void> command(ThrowingRunnable action) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		if (this.closing) {
			future.completeExceptionally(new StreamEndedException("kafka consumer is closed"));
			return future;
		}
		this.commands.add(() -> {
			try {
				action.run();
				DeliveryExecutor.shared().execute(() -> future.complete(null));
			}
			catch (RuntimeException ex) {
				SeaStreamerException error = KafkaStreamProducer.translate("kafka consumer operation", ex);
				DeliveryExecutor.shared().execute(() -> future.completeExceptionally(error));
			}
		});
		wakeup();
		return future;
	}

	private void wakeup() {
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = this.client;
		if (consumer != null && this.inPoll) {
			consumer.wakeup();
		}
	}

	private org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> client() {
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = this.client;
		if (consumer == null) {
			throw new StreamEndedException("kafka consumer is not running");
		}
		return consumer;
	}

	// ---- poll thread ----

	private void run() {
		Throwable failure = null;
		try {
			this.client = madeClient();
			for (String topic : this.topics) {
				this.streamer.ensureTopic(topic);
			}
			if (this.mode == ConsumerMode.LOAD_BALANCED) {
				this.client.subscribe(this.topics, new RebalanceListener());
			}
			else {
				discoverPartitions(true);
			}
			loop();
		}
		catch (Throwable ex) {
			if (!this.closing) {
				logger.warn("Kafka consumer of {} stopped: {}", this.topics, ex.toString());
				failure = ex;
			}
		}
		finally {
			shutdown(failure);
		}
	}

	private org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> madeClient() throws Throwable {
		try {
			return this.clientMade.get();
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
	}

	private void loop() {
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
		long commitInterval = this.kafkaOptions.commitInterval().toNanos();
		this.nextCommitNanos = System.nanoTime() + commitInterval;
		while (!this.closing) {
			runCommands();
			if (this.closing) {
				break;
			}
			long now = System.nanoTime();
			if (this.mode != ConsumerMode.LOAD_BALANCED && this.selection == null && now >= this.nextDiscoveryNanos) {
				discoverPartitions(false);
			}
			drainOverflow();
			if (now >= this.nextCommitNanos) {
				commitPending(false);
				this.nextCommitNanos = now + commitInterval;
			}
			if (consumer.assignment().isEmpty() && this.mode != ConsumerMode.LOAD_BALANCED) {
				waitForCommand(Duration.ofMillis(200));
				continue;
			}
			// while the caller is behind (overflow, partitions paused) poll briefly and
			// move
			// what fits into the hand-over: a wakeup per message taken would cost far
			// more
			Duration timeout = this.overflow.isEmpty() ? IDLE_POLL : BACKLOG_POLL;
			long untilCommit = Math.max(1, TimeUnit.NANOSECONDS.toMillis(this.nextCommitNanos - System.nanoTime()));
			if (!this.pendingCommits.isEmpty() && untilCommit < timeout.toMillis()) {
				timeout = Duration.ofMillis(untilCommit);
			}
			ConsumerRecords<byte[], byte[]> records;
			this.inPoll = true;
			try {
				if (!this.commands.isEmpty() || this.closing) {
					continue;
				}
				records = consumer.poll(timeout);
			}
			catch (WakeupException ex) {
				continue;
			}
			finally {
				this.inPoll = false;
			}
			if (!records.isEmpty()) {
				deliver(records);
			}
		}
	}

	/**
	 * Hand the records over partition by partition, whole: the messages are built by the
	 * callers, so this thread does nothing per record.
	 */
	private void deliver(ConsumerRecords<byte[], byte[]> records) {
		for (TopicPartition partition : records.partitions()) {
			List<ConsumerRecord<byte[], byte[]>> list = records.records(partition);
			if (list.isEmpty()) {
				continue;
			}
			PartitionState state = state(partition.topic(), partition.partition());
			RecordHandOver.Batch batch = new RecordHandOver.Batch(state.key, state.shard, list);
			if (!this.overflow.isEmpty() || !this.handOver.offer(batch)) {
				this.overflow.add(batch);
			}
		}
		if (!this.overflow.isEmpty()) {
			pause();
		}
	}

	private void drainOverflow() {
		RecordHandOver.Batch batch;
		while ((batch = this.overflow.peek()) != null) {
			if (!this.handOver.offer(batch)) {
				break;
			}
			this.overflow.poll();
		}
		if (this.overflow.isEmpty()) {
			resume();
		}
		else {
			pause();
		}
	}

	private void pause() {
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
		if (!this.paused) {
			consumer.pause(consumer.assignment());
			this.paused = true;
		}
	}

	private void resume() {
		if (this.paused) {
			org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
			consumer.resume(consumer.paused());
			this.paused = false;
		}
	}

	/**
	 * Drop what is buffered, in the hand-over and the overflow. Messages of the given
	 * partitions are dropped for good (they were repositioned, revoked or unassigned);
	 * every other partition still assigned is sought back to its earliest dropped offset,
	 * so nothing of it is lost.
	 * @param partitions the partitions whose buffered messages are stale
	 */
	private void dropBuffered(Collection<TopicPartition> partitions) {
		RecordHandOver.Taken buffered = takeBuffered();
		Map<TopicPartition, Long> rewindTo = new HashMap<>();
		for (Message message : buffered.messages()) {
			rewindTo.merge(partitionOf(message), message.sequence(), Math::min);
		}
		for (RecordHandOver.Batch batch : buffered.batches()) {
			rewindTo.merge(batch.partition(), batch.firstOffset(), Math::min);
		}
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
		Set<TopicPartition> assignment = consumer.assignment();
		rewindTo.forEach((tp, offset) -> {
			if (!partitions.contains(tp) && assignment.contains(tp)) {
				consumer.seek(tp, offset);
			}
		});
		resume();
	}

	/**
	 * Everything buffered, in delivery order; the hand-over and the overflow are empty.
	 */
	private RecordHandOver.Taken takeBuffered() {
		RecordHandOver.Taken taken = this.handOver.takeAll();
		List<RecordHandOver.Batch> batches = new ArrayList<>(taken.batches());
		batches.addAll(this.overflow);
		this.overflow.clear();
		return new RecordHandOver.Taken(taken.messages(), batches);
	}

	private void rebuffer(RecordHandOver.Batch batch) {
		if (!this.overflow.isEmpty() || !this.handOver.offer(batch)) {
			this.overflow.add(batch);
		}
	}

	private static TopicPartition partitionOf(Message message) {
		return new TopicPartition(message.streamKey().name(), (int) message.shardId().id());
	}

	private PartitionState state(String topic, int partition) {
		Map<Integer, PartitionState> byPartition = this.states.get(topic);
		if (byPartition == null) {
			byPartition = new HashMap<>();
			this.states.put(topic, byPartition);
		}
		PartitionState state = byPartition.get(partition);
		if (state == null) {
			state = new PartitionState(StreamKey.of(topic), ShardId.of(partition));
			byPartition.put(partition, state);
		}
		return state;
	}

	private void runCommands() {
		Runnable command;
		while ((command = this.commands.poll()) != null) {
			command.run();
		}
	}

	private void waitForCommand(Duration timeout) {
		try {
			Runnable command = this.commands.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (command != null) {
				command.run();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.closing = true;
		}
	}

	private void discoverPartitions(boolean initial) {
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
		Set<TopicPartition> all = new LinkedHashSet<>();
		boolean missing = false;
		Set<TopicPartition> current = consumer.assignment();
		Set<String> known = new HashSet<>();
		for (TopicPartition tp : current) {
			known.add(tp.topic());
		}
		for (String topic : this.topics) {
			int count = 0;
			if (known.contains(topic)) {
				// the client's partitionsFor answers from its metadata cache, which would
				// not show partitions added later: ask the cluster
				count = this.streamer.partitionCount(topic);
			}
			if (count <= 0) {
				List<PartitionInfo> infos;
				try {
					infos = retrying(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)));
				}
				catch (RetriableException ex) {
					infos = null;
				}
				count = (infos != null) ? infos.size() : 0;
			}
			if (count <= 0) {
				missing = true;
				continue;
			}
			for (int partition = 0; partition < count; partition++) {
				all.add(new TopicPartition(topic, partition));
			}
		}
		Set<TopicPartition> added = new LinkedHashSet<>(all);
		added.removeAll(current);
		if (!added.isEmpty()) {
			Set<TopicPartition> union = new LinkedHashSet<>(current);
			union.addAll(added);
			consumer.assign(union);
			if (this.paused) {
				consumer.pause(added);
			}
			if (!initial) {
				// partitions created after this consumer started: read them whole
				consumer.seekToBeginning(added);
			}
			// fix the start positions now rather than at the first fetch, so that a
			// "latest" consumer misses as little as possible of what is sent meanwhile;
			// the first partitions of an "earliest" consumer start where they start
			// whenever that is fixed, so its first fetch (or a seek) fixes them without a
			// round trip of their own
			if (!initial || this.resolveStartPositions) {
				try {
					resolvePositions(consumer, added);
				}
				catch (RetriableException ex) {
					logger.debug("Start positions of {} not resolved yet: {}", added, ex.toString());
				}
			}
			this.assignmentSnapshot = Set.copyOf(union);
		}
		long interval = missing ? Duration.ofMillis(500).toNanos()
				: this.kafkaOptions.partitionDiscoveryInterval().toNanos();
		this.nextDiscoveryNanos = System.nanoTime() + interval;
	}

	private void applySelection() {
		Set<TopicPartition> wanted;
		synchronized (this) {
			wanted = (this.selection != null) ? Set.copyOf(this.selection) : null;
		}
		if (wanted == null) {
			return;
		}
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
		Set<TopicPartition> removed = new HashSet<>(consumer.assignment());
		removed.removeAll(wanted);
		consumer.assign(wanted);
		if (this.paused) {
			consumer.pause(wanted);
		}
		this.assignmentSnapshot = wanted;
		dropBuffered(removed);
	}

	private void commitPending(boolean sync) {
		if (this.mode == ConsumerMode.REAL_TIME || (this.commitWaiters.isEmpty() && this.pendingCommits.isEmpty())) {
			return;
		}
		List<CompletableFuture<Void>> waiters = new ArrayList<>();
		CompletableFuture<Void> waiter;
		while ((waiter = this.commitWaiters.poll()) != null) {
			waiters.add(waiter);
		}
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (Iterator<Map.Entry<TopicPartition, Long>> it = this.pendingCommits.entrySet().iterator(); it.hasNext();) {
			Map.Entry<TopicPartition, Long> entry = it.next();
			long offset = entry.getValue();
			this.pendingCommits.remove(entry.getKey(), offset);
			offsets.put(entry.getKey(), new OffsetAndMetadata(offset));
		}
		if (offsets.isEmpty()) {
			completeWaiters(waiters, null);
			return;
		}
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = client();
		if (sync) {
			try {
				retrying(() -> {
					consumer.commitSync(offsets, Duration.ofSeconds(10));
					return null;
				});
				completeWaiters(waiters, null);
			}
			catch (RuntimeException ex) {
				completeWaiters(waiters, KafkaStreamProducer.translate("commit of " + offsets, ex));
			}
		}
		else {
			consumer.commitAsync(offsets, (committed, error) -> completeWaiters(waiters,
					(error != null) ? KafkaStreamProducer.translate("commit of " + offsets, error) : null));
		}
	}

	private static void completeWaiters(List<CompletableFuture<Void>> waiters, @Nullable Throwable error) {
		if (waiters.isEmpty()) {
			return;
		}
		DeliveryExecutor.shared().execute(() -> {
			for (CompletableFuture<Void> waiter : waiters) {
				if (error != null) {
					waiter.completeExceptionally(error);
				}
				else {
					waiter.complete(null);
				}
			}
		});
	}

	private void shutdown(@Nullable Throwable failure) {
		this.closing = true;
		org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = this.client;
		if (consumer != null) {
			try {
				if (failure == null) {
					commitPending(true);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Final commit of the Kafka consumer of {} failed: {}", this.topics, ex.toString());
			}
			try {
				consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
			}
			catch (RuntimeException ex) {
				logger.debug("Kafka consumer close failed: {}", ex.toString());
			}
		}
		SeaStreamerException ended = new StreamEndedException("kafka consumer is closed");
		completeWaiters(drainWaiters(), ended);
		Runnable command;
		while ((command = this.commands.poll()) != null) {
			// commands queued after the loop ended: fail them by running against a
			// closed client
			try {
				command.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Command after close: {}", ex.toString());
			}
		}
		if (failure != null) {
			this.handOver.close(new BackendException(KafkaStreamer.BACKEND,
					"consumer of " + this.topics + " failed: " + failure, failure, false));
		}
		else {
			this.handOver.close(new StreamEndedException("kafka consumer is closed"));
		}
		this.client = null;
		this.streamer.consumerClosed(this);
		this.terminated.complete(null);
	}

	private List<CompletableFuture<Void>> drainWaiters() {
		List<CompletableFuture<Void>> waiters = new ArrayList<>();
		CompletableFuture<Void> waiter;
		while ((waiter = this.commitWaiters.poll()) != null) {
			waiters.add(waiter);
		}
		return waiters;
	}

	private static <T> T retrying(Supplier<T> call) {
		for (int attempt = 0;; attempt++) {
			try {
				return call.get();
			}
			catch (WakeupException ex) {
				if (attempt >= 5) {
					throw ex;
				}
			}
			catch (InterruptException ex) {
				throw ex;
			}
		}
	}

	@Override
	public String toString() {
		return "KafkaConsumer{topics=" + this.topics + ", mode=" + this.mode + "}";
	}

	private final class RebalanceListener implements ConsumerRebalanceListener {

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			try {
				commitPending(true);
			}
			catch (RuntimeException ex) {
				logger.warn("Commit on revocation failed: {}", ex.toString());
			}
			dropBuffered(partitions);
			this.updateSnapshot();
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			dropBuffered(partitions);
			this.updateSnapshot();
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			if (KafkaStreamConsumer.this.paused) {
				client().pause(partitions);
			}
			this.updateSnapshot();
		}

		private void updateSnapshot() {
			KafkaStreamConsumer.this.assignmentSnapshot = Set.copyOf(client().assignment());
		}

	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run();

	}

	/** The header parts of one partition, cached on the poll thread. */
	private static final class PartitionState {

		final StreamKey key;

		final ShardId shard;

		PartitionState(StreamKey key, ShardId shard) {
			this.key = key;
			this.shard = shard;
		}

	}

}
