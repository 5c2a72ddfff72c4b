package io.github.seastreamer.kafka;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spi.Attributes;
import io.github.seastreamer.StreamKeyException;
import io.github.seastreamer.spi.DeliveryExecutor;

/**
 * A producer on one Kafka client, fed by a sender thread so that the caller never blocks
 * (the client's {@code send} may wait for metadata or buffer memory). Receipts are
 * completed in batches on the delivery executor, never on the client's I/O thread.
 */
final class KafkaStreamProducer implements Producer, KafkaProducerHandle {

	private static final Logger logger = LoggerFactory.getLogger(KafkaStreamProducer.class);

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final long TASK_OVERHEAD_BYTES = 96;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

	private final KafkaStreamer streamer;

	private final DefaultKafkaProducerFactory<byte[], byte[]> factory;

	private final boolean transactional;

	private final long maxQueuedBytes;

	private final MpscUnboundedArrayQueue<Object> tasks = new MpscUnboundedArrayQueue<>(1024);

	private final MpscUnboundedArrayQueue<Runnable> completions = new MpscUnboundedArrayQueue<>(1024);

	private final AtomicInteger completionWip = new AtomicInteger();

	// completions only (serialised by completionWip)
	private long lastAckMillis = Long.MIN_VALUE;

	private Instant lastAckTime = Instant.EPOCH;

	private final Executor deliveryExecutor = DeliveryExecutor.shared();

	private final AtomicLong queuedBytes = new AtomicLong();

	// adders, not atomics: the sending thread adds and the client's I/O thread or the
	// delivery executor subtracts for every record, and one shared counter made its
	// cache line travel between the cores twice per record
	private final LongAdder inFlight = new LongAdder();

	private final AtomicBoolean sleeping = new AtomicBoolean();

	private final AtomicReference<@Nullable StreamKey> anchor = new AtomicReference<>();

	private final AtomicLong queuedTasks = new AtomicLong();

	private final LongAdder unackedBytes = new LongAdder();

	private final Set<String> readyTopics = ConcurrentHashMap.newKeySet();

	/**
	 * The topic last found ready: sends and acknowledgements of a run to one topic
	 * compare one reference instead of looking the name up in {@link #readyTopics} (that
	 * lookup was a visible share of the client's I/O thread).
	 */
	private volatile @Nullable String lastReadyTopic;

	private final long directSendBytes;

	private final Thread sender;

	private final CompletableFuture<Void> endFuture = new CompletableFuture<>();

	private volatile boolean ended;

	private volatile @Nullable Throwable fatal;

	private volatile org.apache.kafka.clients.producer.@Nullable Producer<byte[], byte[]> client;

	KafkaStreamProducer(KafkaStreamer streamer, DefaultKafkaProducerFactory<byte[], byte[]> factory,
			boolean transactional, long maxQueuedBytes, long bufferMemory) {
		this.streamer = streamer;
		this.factory = factory;
		this.transactional = transactional;
		this.maxQueuedBytes = maxQueuedBytes;
		this.directSendBytes = bufferMemory / 2;
		if (!transactional) {
			// constructing a non-transactional client does no network I/O; a
			// transactional
			// one calls initTransactions (a round trip): that happens on the sender
			// thread
			try {
				// a plain client, not the factory's CloseSafeProducer: that wraps every
				// send's callback in one more object and call, and adds nothing a
				// non-transactional producer needs
				this.client = new KafkaProducer<>(factory.getConfigurationProperties(), new ByteArraySerializer(),
						new ByteArraySerializer());
			}
			catch (RuntimeException ex) {
				throw KafkaStreamProducer.translate("creating the Kafka producer", ex);
			}
		}
		this.sender = new Thread(this::runSender, "seastreamer-kafka-producer-" + COUNTER.incrementAndGet());
		this.sender.setDaemon(true);
		this.sender.start();
	}

	@Override
	public CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload) {
		return enqueue(new ProducerRecord<>(key.name(), null, null, null, payload), key);
	}

	/**
	 * Send with the attributes as record headers, values encoded as UTF-8.
	 */
	@Override
	public CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload, Map<String, String> attributes) {
		if (attributes.isEmpty()) {
			return sendTo(key, payload);
		}
		IllegalArgumentException invalid = Attributes.problem(attributes);
		if (invalid != null) {
			return CompletableFuture.failedFuture(invalid);
		}
		List<Header> headers = new ArrayList<>(attributes.size());
		for (Map.Entry<String, String> attribute : attributes.entrySet()) {
			headers.add(new RecordHeader(attribute.getKey(), attribute.getValue().getBytes(StandardCharsets.UTF_8)));
		}
		return enqueue(new ProducerRecord<>(key.name(), null, null, null, payload, headers), key);
	}

	@Override
	public CompletableFuture<MessageHeader> sendRecord(ProducerRecord<byte[], byte[]> record) {
		StreamKey key;
		try {
			key = StreamKey.of(record.topic());
		}
		catch (StreamKeyException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return enqueue(record, key);
	}

	private CompletableFuture<MessageHeader> enqueue(ProducerRecord<byte[], byte[]> record, StreamKey key) {
		if (this.ended) {
			return CompletableFuture.failedFuture(endedError());
		}
		int size = ((record.value() != null) ? record.value().length : 0)
				+ ((record.key() != null) ? record.key().length : 0);
		for (Header header : record.headers()) {
			size += header.key().length() + ((header.value() != null) ? header.value().length : 0);
		}
		org.apache.kafka.clients.producer.Producer<byte[], byte[]> direct = this.client;
		if (direct != null && this.queuedTasks.get() == 0 && isReady(record.topic())
				&& this.unackedBytes.sum() < this.directSendBytes) {
			// Fast path: nothing of this producer is queued (so order is kept), the
			// topic's
			// metadata is known and the client's buffer is far from full, so send()
			// cannot
			// block: call it on the caller's thread.
			SendTask task = new SendTask(record, key, size);
			this.inFlight.increment();
			sendNow(direct, task);
			return task.future;
		}
		long cost = size + TASK_OVERHEAD_BYTES;
		long queued = this.queuedBytes.addAndGet(cost);
		if (queued > this.maxQueuedBytes && queued != cost) {
			this.queuedBytes.addAndGet(-cost);
			return CompletableFuture
				.failedFuture(new BackendException(
						KafkaStreamer.BACKEND, "send queue is full (" + queued + " bytes pending, limit "
								+ this.maxQueuedBytes + "); wait for receipts or flush() before sending more",
						null, true));
		}
		SendTask task = new SendTask(record, key, cost);
		this.inFlight.increment();
		submit(task);
		return task.future;
	}

	private boolean isReady(String topic) {
		if (topic == this.lastReadyTopic) {
			return true;
		}
		if (this.readyTopics.contains(topic)) {
			this.lastReadyTopic = topic;
			return true;
		}
		return false;
	}

	private void submit(Object task) {
		this.queuedTasks.incrementAndGet();
		this.tasks.offer(task);
		VarHandle.fullFence();
		if (this.sleeping.get() && this.sleeping.compareAndSet(true, false)) {
			LockSupport.unpark(this.sender);
		}
	}

	private SeaStreamerException endedError() {
		Throwable cause = this.fatal;
		return new ProducerEndedException("kafka producer has ended", cause);
	}

	@Override
	public void anchor(StreamKey key) {
		if (!this.anchor.compareAndSet(null, key)) {
			throw new SeaStreamerException(ErrorKind.ALREADY_ANCHORED,
					"producer is anchored to `" + this.anchor.get() + "`, cannot anchor to `" + key + "`");
		}
	}

	@Override
	public Optional<StreamKey> anchoredKey() {
		return Optional.ofNullable(this.anchor.get());
	}

	@Override
	public CompletableFuture<Void> flush() {
		return control("flush", (p) -> p.flush(), false);
	}

	@Override
	public CompletableFuture<Void> end() {
		if (this.ended) {
			return this.endFuture;
		}
		synchronized (this) {
			if (!this.ended) {
				Control control = new Control("end", (p) -> p.flush(), new CompletableFuture<>(), true);
				control.future.whenComplete((v, e) -> {
					if (e != null) {
						this.endFuture.completeExceptionally(e);
					}
					else {
						this.endFuture.complete(null);
					}
				});
				submit(control);
				this.ended = true;
			}
		}
		return this.endFuture;
	}

	@Override
	public CompletableFuture<Void> beginTransaction() {
		return transactionControl("beginTransaction", (p) -> p.beginTransaction());
	}

	@Override
	public CompletableFuture<Void> commitTransaction() {
		return transactionControl("commitTransaction", (p) -> p.commitTransaction());
	}

	@Override
	public CompletableFuture<Void> abortTransaction() {
		return transactionControl("abortTransaction", (p) -> p.abortTransaction());
	}

	@Override
	public CompletableFuture<Void> sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
			ConsumerGroupMetadata groupMetadata) {
		Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(offsets);
		return transactionControl("sendOffsetsToTransaction", (p) -> p.sendOffsetsToTransaction(copy, groupMetadata));
	}

	private CompletableFuture<Void> transactionControl(String name, ClientAction action) {
		if (!this.transactional) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.CONFIG, name
					+ " requires a transactional producer: set KafkaProducerOptions.builder().transactionalId(...)"));
		}
		return control(name, action, false);
	}

	private CompletableFuture<Void> control(String name, ClientAction action, boolean last) {
		if (this.ended) {
			return CompletableFuture.failedFuture(endedError());
		}
		Control control = new Control(name, action, new CompletableFuture<>(), last);
		submit(control);
		return control.future;
	}

	@Override
	public long inFlightCount() {
		return this.inFlight.sum();
	}

	boolean isEnded() {
		return this.ended;
	}

	private void runSender() {
		if (this.client == null) {
			try {
				this.client = this.factory.createProducer();
			}
			catch (RuntimeException ex) {
				logger.warn("Kafka producer could not be created: {}", ex.toString());
				this.fatal = ex;
				this.ended = true;
			}
		}
		while (true) {
			Object task = this.tasks.poll();
			if (task == null) {
				if (this.fatal != null && this.client == null) {
					break;
				}
				this.sleeping.set(true);
				if (this.tasks.isEmpty()) {
					LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
				}
				this.sleeping.set(false);
				continue;
			}
			try {
				if (task instanceof SendTask send) {
					send(send);
				}
				else if (task instanceof Control control) {
					if (runControl(control)) {
						break;
					}
				}
			}
			finally {
				this.queuedTasks.decrementAndGet();
			}
		}
		failRemaining();
		this.streamer.producerEnded(this);
	}

	private void send(SendTask task) {
		this.queuedBytes.addAndGet(-task.cost);
		org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer = this.client;
		if (producer == null) {
			completeLater(task, null, endedError());
			return;
		}
		try {
			this.streamer.ensureTopic(task.key.name());
		}
		catch (RuntimeException ex) {
			completeLater(task, null, ex);
			return;
		}
		sendNow(producer, task);
	}

	private void sendNow(org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer, SendTask task) {
		this.unackedBytes.add(task.bytes);
		try {
			// the task is the callback: no lambda per record
			producer.send(task.record, task);
		}
		catch (RuntimeException ex) {
			this.unackedBytes.add(-task.bytes);
			completeLater(task, null, this.ended ? new ProducerEndedException("kafka producer has ended", ex) : ex);
		}
	}

	private boolean runControl(Control control) {
		org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer = this.client;
		Throwable error = null;
		if (producer == null) {
			error = endedError();
		}
		else {
			try {
				control.action.run(producer);
			}
			catch (RuntimeException ex) {
				error = translate(control.name, ex);
			}
		}
		if (control.last) {
			closeClient();
		}
		Throwable result = error;
		enqueueCompletion(() -> {
			if (result != null) {
				control.future.completeExceptionally(result);
			}
			else {
				control.future.complete(null);
			}
		});
		return control.last;
	}

	private void closeClient() {
		try {
			if (this.transactional) {
				this.factory.destroy();
			}
			else {
				org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer = this.client;
				if (producer != null) {
					producer.close(CLOSE_TIMEOUT);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Kafka producer close failed: {}", ex.toString());
		}
		this.client = null;
	}

	private void failRemaining() {
		this.ended = true;
		Object task;
		while ((task = this.tasks.poll()) != null) {
			if (task instanceof SendTask send) {
				this.queuedBytes.addAndGet(-send.cost);
				completeLater(send, null, endedError());
			}
			else if (task instanceof Control control) {
				enqueueCompletion(() -> control.future.completeExceptionally(endedError()));
			}
		}
		if (this.client != null) {
			closeClient();
		}
		if (!this.endFuture.isDone()) {
			Throwable error = this.fatal;
			enqueueCompletion(() -> {
				if (error != null) {
					this.endFuture.completeExceptionally(endedError());
				}
				else {
					this.endFuture.complete(null);
				}
			});
		}
	}

	private void completeLater(SendTask task, @Nullable RecordMetadata metadata, @Nullable Throwable error) {
		task.metadata = metadata;
		task.error = error;
		// the queue publishes the fields to the delivery thread, which runs the task
		enqueueCompletion(task);
	}

	/**
	 * The Instant of an acknowledged record, shared by the records of one millisecond;
	 * called by completions only, which the work-in-progress counter runs one at a time.
	 */
	private Instant ackTime(long millis) {
		if (millis != this.lastAckMillis) {
			this.lastAckMillis = millis;
			this.lastAckTime = Instant.ofEpochMilli(millis);
		}
		return this.lastAckTime;
	}

	private void enqueueCompletion(Runnable completion) {
		this.completions.offer(completion);
		if (this.completionWip.getAndIncrement() == 0) {
			this.deliveryExecutor.execute(this::drainCompletions);
		}
	}

	private void drainCompletions() {
		int missed = 1;
		while (true) {
			Runnable completion;
			while ((completion = this.completions.poll()) != null) {
				try {
					completion.run();
				}
				catch (RuntimeException ex) {
					logger.warn("Receipt callback failed: {}", ex.toString());
				}
			}
			missed = this.completionWip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	static SeaStreamerException translate(String operation, Throwable error) {
		if (error instanceof SeaStreamerException sse) {
			return sse;
		}
		boolean retryable = error instanceof RetriableException
				|| error instanceof org.apache.kafka.common.errors.TimeoutException;
		String message = operation + " failed: " + error.getClass().getSimpleName() + ": " + error.getMessage();
		if (error instanceof KafkaException || error instanceof IllegalStateException) {
			return new BackendException(KafkaStreamer.BACKEND, message, error, retryable);
		}
		return new BackendException(KafkaStreamer.BACKEND, message, error, false);
	}

	@Override
	public String toString() {
		return "KafkaProducer{anchor=" + this.anchor.get() + ", transactional=" + this.transactional + "}";
	}

	@FunctionalInterface
	interface ClientAction {

		void run(org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer);

	}

	/**
	 * One send: the client's callback for it (on the client's I/O thread: bookkeeping,
	 * then a hand-over) and the completion of its receipt (on the delivery executor).
	 */
	private final class SendTask implements Callback, Runnable {

		final ProducerRecord<byte[], byte[]> record;

		final StreamKey key;

		final long cost;

		final long bytes;

		final CompletableFuture<MessageHeader> future = new CompletableFuture<>();

		// written before the hand-over, read after it
		@Nullable RecordMetadata metadata;

		@Nullable Throwable error;

		SendTask(ProducerRecord<byte[], byte[]> record, StreamKey key, long cost) {
			this.record = record;
			this.key = key;
			this.cost = cost;
			this.bytes = (record.value() != null) ? record.value().length : 0;
		}

		@Override
		public void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
			KafkaStreamProducer.this.unackedBytes.add(-this.bytes);
			if (exception == null) {
				String topic = this.record.topic();
				if (!isReady(topic)) {
					KafkaStreamProducer.this.readyTopics.add(topic);
					KafkaStreamProducer.this.lastReadyTopic = topic;
				}
			}
			completeLater(this, metadata, exception);
		}

		@Override
		public void run() {
			KafkaStreamProducer.this.inFlight.decrement();
			RecordMetadata result = this.metadata;
			Throwable failure = this.error;
			if (failure != null || result == null) {
				this.future.completeExceptionally(translate("send to `" + this.key + "`",
						(failure != null) ? failure : new IllegalStateException("no record metadata")));
			}
			else {
				this.future.complete(new MessageHeader(this.key, ShardId.of(result.partition()), result.offset(),
						ackTime(result.timestamp())));
			}
		}

	}

	private record Control(String name, ClientAction action, CompletableFuture<Void> future, boolean last) {

	}

}
