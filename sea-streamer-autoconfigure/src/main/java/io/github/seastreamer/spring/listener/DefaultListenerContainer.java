package io.github.seastreamer.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import io.github.seastreamer.Capability;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.spi.DeliveryExecutor;
import io.github.seastreamer.spring.core.ConsumerOptionsCustomizer;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ListenerObserver.Outcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.seastreamer.SeaStreamerException.unwrap;

/**
 * The listener container: a reader thread takes messages from the consumer (at most
 * {@code maxInFlight} not yet completed), hands each to a serial lane of the handler
 * executor (one lane per stream and shard when ordered), and a commit task commits, per
 * stream and shard, the contiguous prefix of completed messages.
 * <p>
 * With a single lane and a consumer that can be polled, the lane, once it has run a
 * batch, goes on taking what the consumer has buffered and runs it itself (see
 * {@code Taker}); when nothing is buffered it waits for the next message with a
 * {@code next()} whose completion dispatches to the lane again. A busy stream then costs
 * no hand-over between threads per batch, and one that goes quiet and busy again costs
 * one wake-up of the lane, while the backend still reads on its own threads and the
 * handlers still run on the handler executor. The reader thread takes while a handler is
 * slow (so the in-flight window still fills), while paused, and after a failure.
 * <p>
 * Completion never takes a lock: each stream and shard keeps a queue of its messages in
 * the order read; whoever completes a message drains the completed head of that queue
 * (one thread at a time through a work-in-progress counter), releases their in-flight
 * permits and queues their headers for the next commit. A message is therefore committed
 * only once it and every earlier message of its stream and shard completed.
 */
final class DefaultListenerContainer implements ListenerContainer {

	private static final Logger logger = LoggerFactory.getLogger(DefaultListenerContainer.class);

	private static final long POLL_MILLIS = 100;

	private static final int BATCH = 256;

	/** How long a lane may take without polling before the reader takes over. */
	private static final long RECLAIM_MILLIS = 10;

	private static final int READER_TAKES = 0;

	private static final int LANE_TAKES = 1;

	private static final int LANE_POLLING = 2;

	private static final int LANE_WAITING = 3;

	private static int state(long taking) {
		return (int) (taking & 3);
	}

	private static long withState(long taking, int state) {
		return (taking & ~3L) | state;
	}

	private static final Acknowledgement NO_ACK = () -> {
	};

	/** Whether the JVM has virtual threads (Java 21+), for {@link #handlerExecutor}. */
	private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

	private final ListenerEndpoint endpoint;

	private final Streamers streamers;

	private final StreamTemplate template;

	private final List<ConsumerOptionsCustomizer> customizers;

	private final ListenerErrorHandler errorHandler;

	private final List<ListenerObserver> observers;

	private final Duration commitInterval;

	private final Duration shutdownTimeout;

	private final ScheduledExecutorService scheduler;

	private final Object lifecycleMonitor = new Object();

	private final AtomicReference<ContainerState> state = new AtomicReference<>(ContainerState.CREATED);

	private final LongAdder received = new LongAdder();

	private final LongAdder completed = new LongAdder();

	private volatile @Nullable Run run;

	DefaultListenerContainer(ListenerEndpoint endpoint, Streamers streamers, StreamTemplate template,
			List<ConsumerOptionsCustomizer> customizers, ListenerErrorHandler errorHandler,
			List<ListenerObserver> observers, Duration commitInterval, Duration shutdownTimeout,
			ScheduledExecutorService scheduler) {
		this.endpoint = endpoint;
		this.streamers = streamers;
		this.template = template;
		this.customizers = List.copyOf(customizers);
		this.errorHandler = errorHandler;
		this.observers = List.copyOf(observers);
		this.commitInterval = commitInterval;
		this.shutdownTimeout = shutdownTimeout;
		this.scheduler = scheduler;
	}

	@Override
	public String id() {
		return this.endpoint.id();
	}

	@Override
	public String streamerName() {
		return this.endpoint.streamerName();
	}

	@Override
	public List<StreamKey> streams() {
		return this.endpoint.streams();
	}

	@Override
	public ConsumerMode mode() {
		return this.endpoint.consumerOptions().mode();
	}

	@Override
	public java.util.Optional<String> group() {
		return this.endpoint.consumerOptions().group();
	}

	@Override
	public ContainerState state() {
		return this.state.get();
	}

	@Override
	public int inFlight() {
		Run current = this.run;
		return (current != null) ? current.limit.used() : 0;
	}

	@Override
	public long received() {
		return this.received.sum();
	}

	@Override
	public long completed() {
		return this.completed.sum();
	}

	ListenerEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * The options this container's consumer is created with: the endpoint's, then every
	 * customizer in order.
	 * @return the consumer options
	 */
	ConsumerOptions consumerOptions() {
		ConsumerOptions.Builder options = this.endpoint.consumerOptions().toBuilder();
		this.customizers.forEach((c) -> c.customize(id(), this.endpoint.streamerName(), options));
		return options.build();
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.state.get().isActive()) {
				return;
			}
			transition(ContainerState.STARTING);
			ExecutorService executor = handlerExecutor("seastreamer-" + id(), this.endpoint.concurrency());
			Streamer streamer;
			Consumer consumer;
			try {
				streamer = this.streamers.get(this.endpoint.streamerName());
				consumer = streamer.createConsumer(this.endpoint.streams(), consumerOptions());
			}
			catch (RuntimeException ex) {
				executor.shutdown();
				transition(ContainerState.FAILED);
				throw new ConfigurationException("listener '" + id() + "': cannot consume " + streams()
						+ " from streamer '" + streamerName() + "': " + ex.getMessage(), ex);
			}
			boolean commits = mode() != ConsumerMode.REAL_TIME && streamer.capabilities().contains(Capability.COMMIT);
			Run started = new Run(consumer, commits, streamer.uri().toString(), executor);
			this.run = started;
			transition(ContainerState.RUNNING);
			if (commits) {
				long millis = Math.max(1, this.commitInterval.toMillis());
				started.commitTask = this.scheduler.scheduleWithFixedDelay(() -> commit(started), millis, millis,
						TimeUnit.MILLISECONDS);
			}
			if (started.takerBatch != null) {
				// the lane takes from the start, so that the first messages wait for one
				// thread start, not for the reader's and then the lane's
				started.lanes[0].execute(new Taker(started, started.handToLane(), null));
			}
			started.reader.start();
			logger.debug("Listener '{}' started on {} of {}", id(), streams(), started.uri);
		}
	}

	@Override
	public void stop() {
		Run current;
		synchronized (this.lifecycleMonitor) {
			current = this.run;
			if (current == null) {
				return;
			}
			ContainerState now = this.state.get();
			if (now == ContainerState.RUNNING || now == ContainerState.PAUSED) {
				transition(ContainerState.STOPPING);
			}
			current.stopReading();
		}
		if (Thread.currentThread() != current.reader) {
			try {
				current.reader.join(this.shutdownTimeout.toMillis() + POLL_MILLIS * 5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		shutdown(current, ContainerState.STOPPED);
	}

	@Override
	public void pause() {
		Run current = this.run;
		if (current != null && this.state.compareAndSet(ContainerState.RUNNING, ContainerState.PAUSED)) {
			current.paused = true;
			CompletableFuture<Message> waiting = current.pending;
			if (waiting != null) {
				// a cancelled wait hands a late message back to the consumer's buffer
				waiting.cancel(false);
			}
			notifyState(ContainerState.RUNNING, ContainerState.PAUSED);
		}
	}

	@Override
	public void resume() {
		Run current = this.run;
		if (current != null && this.state.compareAndSet(ContainerState.PAUSED, ContainerState.RUNNING)) {
			current.paused = false;
			current.signal();
			notifyState(ContainerState.PAUSED, ContainerState.RUNNING);
		}
	}

	private void transition(ContainerState to) {
		ContainerState from = this.state.getAndSet(to);
		if (from != to) {
			notifyState(from, to);
		}
	}

	private void notifyState(ContainerState from, ContainerState to) {
		for (ListenerObserver observer : this.observers) {
			try {
				observer.onStateChange(this, from, to);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener observer {} failed", observer, ex);
			}
		}
	}

	private void readLoop(Run run) {
		ContainerState endState = null;
		try {
			while (run.reading) {
				if (state(run.taking.get()) != READER_TAKES) {
					run.awaitLane();
					continue;
				}
				Throwable laneFailure = run.laneFailure;
				if (laneFailure != null) {
					// the lane's wait for the next message failed: as if this thread's
					// had
					throw laneFailure;
				}
				if (run.paused) {
					run.awaitResume();
					continue;
				}
				Message held = run.held;
				if (held != null) {
					run.held = null;
					dispatchBatch(run, held);
					continue;
				}
				if (!run.limit.awaitRoom(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
					continue;
				}
				Message message = run.next();
				if (message == null) {
					continue;
				}
				if (run.paused) {
					// taken while pause() ran: keep it (and its permit) until resumed
					run.held = message;
					continue;
				}
				dispatchBatch(run, message);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			endState = run.reading ? ContainerState.FAILED : null;
		}
		catch (Throwable ex) {
			Throwable cause = unwrap(ex);
			if (!run.reading) {
				endState = null;
			}
			else if (cause instanceof StreamEndedException) {
				logger.info("Listener '{}': the streams {} ended ({}); stopping", id(), streams(), cause.getMessage());
				endState = ContainerState.STOPPED;
			}
			else {
				logger.error("Listener '{}' stops: reading {} from {} failed: {}", id(), streams(), run.uri,
						cause.getMessage(), cause);
				endState = ContainerState.FAILED;
			}
		}
		if (run.held != null) {
			// never handed to the handler, so never committed: delivered again after a
			// restart where the mode allows
			run.held = null;
		}
		if (endState != null) {
			run.stopReading();
			shutdown(run, endState);
		}
	}

	/**
	 * Dispatch the message, together with those the consumer has already buffered (up to
	 * {@value #BATCH} and within the in-flight bound), as one task per lane, so that a
	 * lane is woken once per batch and runs its handlers in a loop; each lane still sees
	 * its messages in order. The in-flight room of the batch is taken at once: only the
	 * reader takes room, so what it sees free stays free while it builds the batch, and
	 * taking it costs one atomic add per batch instead of one per message.
	 */
	private void dispatchBatch(Run run, Message first) {
		dispatchBatch(run, first, true);
	}

	/**
	 * Dispatch the message, and with {@code gather} what the consumer has buffered too
	 * (see {@link #dispatchBatch(Run, Message)}).
	 */
	private void dispatchBatch(Run run, Message first, boolean gather) {
		SerialLane[] lanes = run.lanes;
		Batch[] batches = run.batches;
		int firstLane = run.lane(first.header());
		// the first message has its room already (the reader waited for it)
		int spare = gather ? Math.min(run.limit.room() - 1, BATCH - 1) : 0;
		Batch firstBatch = new Batch(run, lanes[firstLane], spare + 1);
		batches[firstLane] = firstBatch;
		int count = 1;
		received(run, firstBatch, first);
		int used = 0;
		while (used < spare && run.reading && !run.paused) {
			Message message = run.poll();
			if (message == null) {
				break;
			}
			used++;
			count++;
			int index = run.lane(message.header());
			Batch batch = batches[index];
			if (batch == null) {
				batch = new Batch(run, lanes[index], 8);
				batches[index] = batch;
			}
			received(run, batch, message);
		}
		taken(run, count);
		if (run.takerBatch != null) {
			// the single lane runs this batch, then goes on taking what is buffered: one
			// task, so the lane's thread is woken once (two tasks could find it between
			// them gone back to its pool, and wake it, or start a thread, again)
			batches[0] = null;
			lanes[0].execute(new Taker(run, run.handToLane(), firstBatch));
			return;
		}
		for (int i = 0; i < batches.length; i++) {
			Batch batch = batches[i];
			if (batch != null) {
				batches[i] = null;
				batch.lane.execute(batch);
			}
		}
	}

	/**
	 * The bookkeeping of messages taken from the consumer for one dispatch: their room in
	 * the in-flight bound, the received count, and the observers.
	 */
	private void taken(Run run, int count) {
		run.limit.take(count);
		this.received.add(count);
		if (run.observed) {
			notifyReceived(run);
		}
	}

	private void received(Run run, Batch batch, Message message) {
		MessageHeader header = message.header();
		if (run.observed) {
			run.receivedHeaders.add(header);
		}
		batch.add(new Entry(message, run.commits ? run.partition(header) : null));
	}

	/**
	 * Tell the observers, in bulk, about the messages of one dispatch.
	 */
	private void notifyReceived(Run run) {
		List<MessageHeader> headers = run.receivedHeaders;
		if (headers.isEmpty()) {
			return;
		}
		List<MessageHeader> view = Collections.unmodifiableList(headers);
		for (ListenerObserver observer : this.observers) {
			try {
				observer.onReceived(this, view);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener observer {} failed", observer, ex);
			}
		}
		headers.clear();
	}

	/**
	 * Run the handler for one message of a batch.
	 * @return the outcome when the message completed synchronously (the batch then does
	 * the bookkeeping), or {@code null} when it completes later or completed through
	 * {@link #complete} already
	 */
	private @Nullable Outcome process(Run run, SerialLane lane, Entry entry) {
		Message message = entry.message;
		boolean manual = this.endpoint.manualAcknowledgement();
		SendToScope scope = null;
		try {
			Predicate<MessageHeader> condition = this.endpoint.condition();
			if (condition != null && !condition.test(message.header())) {
				return Outcome.FILTERED;
			}
			Acknowledgement ack = manual ? () -> complete(run, entry, Outcome.SUCCESS) : NO_ACK;
			ListenerEndpoint.SendToTarget target = this.endpoint.sendTo();
			Object result;
			try {
				result = this.endpoint.handler().handle(message, ack);
			}
			finally {
				if (target != null) {
					scope = SendToScopeHolder.take();
				}
			}
			if (target != null) {
				sendInOrder(run, lane, message, entry, result, target, scope);
				scope = null;
			}
			else if (result instanceof CompletionStage<?> stage) {
				stage.whenComplete((value, error) -> {
					if (error != null) {
						onError(run, message, entry, unwrap(error));
					}
					else if (!manual) {
						complete(run, entry, Outcome.SUCCESS);
					}
				});
			}
			else if (!manual) {
				return Outcome.SUCCESS;
			}
		}
		catch (Throwable ex) {
			if (scope != null) {
				// offered by a decorator of a handler that then failed outside it
				scope.end(ex);
			}
			onError(run, message, entry, unwrap(ex));
		}
		return null;
	}

	/**
	 * Send a result downstream once the results of earlier messages of the same lane have
	 * been handed to the producer, so that a processor keeps the order of its input even
	 * when its results complete out of order; the message completes once the backend has
	 * accepted the result.
	 */
	private void sendInOrder(Run run, SerialLane lane, Message message, Entry entry, @Nullable Object result,
			ListenerEndpoint.SendToTarget target, @Nullable SendToScope scope) {
		CompletableFuture<?> value = (result instanceof CompletionStage<?> stage) ? stage.toCompletableFuture()
				: CompletableFuture.completedFuture(result);
		CompletableFuture<CompletableFuture<?>> issued = lane.sendTail.handle((ignored, error) -> null)
			.thenCompose((ignored) -> value)
			.thenApply((v) -> {
				if (v == null) {
					if (scope != null) {
						scope.end(null);
					}
					return CompletableFuture.completedFuture(null);
				}
				return (scope != null) ? scope.send(() -> this.template.send(target.streamerName(), target.stream(), v))
						: this.template.send(target.streamerName(), target.stream(), v);
			});
		if (scope != null) {
			// a result that failed never reaches the send (a send that threw has ended
			// the scope already)
			issued.whenComplete((ignored, error) -> {
				if (error != null) {
					scope.end(unwrap(error));
				}
			});
		}
		lane.sendTail = issued;
		issued.thenCompose((receipt) -> receipt).whenComplete((receipt, error) -> {
			if (error != null) {
				onError(run, message, entry, unwrap(error));
			}
			else if (!this.endpoint.manualAcknowledgement()) {
				complete(run, entry, Outcome.SUCCESS);
			}
		});
	}

	private void onError(Run run, Message message, Entry entry, Throwable error) {
		CompletableFuture<Void> handled;
		try {
			handled = this.errorHandler.handleError(this, message, error);
		}
		catch (Throwable ex) {
			handled = CompletableFuture.failedFuture(ex);
		}
		handled.whenComplete((ignored, failure) -> {
			if (failure == null) {
				complete(run, entry, Outcome.ERROR_HANDLED);
			}
			else {
				fail(run, entry, message, unwrap(failure));
			}
		});
	}

	private void fail(Run run, Entry entry, Message message, Throwable failure) {
		if (!entry.markCompleted()) {
			return;
		}
		notifyCompleted(entry, Outcome.FAILED);
		logger.error("Listener '{}' stops: the error handler failed for {}; it and later messages of its stream "
				+ "and shard are not committed", id(), message.header(), failure);
		if (run.failed.compareAndSet(false, true)) {
			run.stopReading();
			this.scheduler.execute(() -> {
				try {
					run.reader.join(this.shutdownTimeout.toMillis() + POLL_MILLIS * 5);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				shutdown(run, ContainerState.FAILED);
			});
		}
	}

	private void complete(Run run, Entry entry, Outcome outcome) {
		if (!entry.markCompleted()) {
			return;
		}
		this.completed.increment();
		notifyCompleted(entry, outcome);
		Partition partition = entry.partition;
		if (partition == null) {
			run.release(1);
		}
		else {
			entry.done = true;
			partition.drain(run);
		}
	}

	private void notifyCompleted(Entry entry, Outcome outcome) {
		if (this.observers.isEmpty()) {
			return;
		}
		notifyCompleted(entry, outcome, System.nanoTime() - entry.startNanos);
	}

	private void notifyCompleted(Entry entry, Outcome outcome, long nanos) {
		for (ListenerObserver observer : this.observers) {
			observer.onCompleted(this, entry.header, outcome, nanos);
		}
	}

	private CompletableFuture<Void> commit(Run run) {
		List<MessageHeader> headers = new ArrayList<>();
		List<CompletableFuture<Void>> commits = new ArrayList<>();
		synchronized (run.commitMonitor) {
			MessageHeader header;
			while ((header = run.toCommit.poll()) != null) {
				headers.add(header);
				try {
					commits.add(run.consumer.commit(header));
				}
				catch (RuntimeException ex) {
					commits.add(CompletableFuture.failedFuture(ex));
				}
			}
		}
		if (headers.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<?>[] all = commits.toArray(CompletableFuture[]::new);
		return CompletableFuture.allOf(all).handle((ignored, error) -> {
			List<MessageHeader> committed = new ArrayList<>(headers.size());
			Throwable firstError = null;
			for (int i = 0; i < all.length; i++) {
				if (all[i].isCompletedExceptionally()) {
					if (firstError == null) {
						firstError = all[i].handle((v, e) -> e).join();
					}
				}
				else {
					committed.add(headers.get(i));
				}
			}
			if (firstError != null) {
				logger.warn("Listener '{}': {} of {} commits failed (those messages may be delivered again): {}", id(),
						headers.size() - committed.size(), headers.size(), unwrap(firstError).getMessage());
			}
			if (!committed.isEmpty()) {
				List<MessageHeader> view = Collections.unmodifiableList(committed);
				for (ListenerObserver observer : this.observers) {
					observer.onCommitted(this, view);
				}
			}
			return null;
		});
	}

	private void shutdown(Run run, ContainerState endState) {
		synchronized (this.lifecycleMonitor) {
			if (this.run != run) {
				return;
			}
			ContainerState now = this.state.get();
			if (now != ContainerState.STOPPING) {
				transition(ContainerState.STOPPING);
			}
			long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
			try {
				run.awaitLaneReturned(deadline);
				if (!run.limit.awaitIdle(this.shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
					logger.warn("Listener '{}': {} messages still in flight after {}; they are not committed", id(),
							run.limit.used(), this.shutdownTimeout);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			ScheduledFuture<?> task = run.commitTask;
			if (task != null) {
				task.cancel(false);
			}
			if (run.commits) {
				await(commit(run), deadline, "the last commit");
			}
			await(this.template.flush(), deadline, "flushing the producers");
			try {
				run.consumer.close();
			}
			catch (RuntimeException ex) {
				logger.warn("Listener '{}': closing the consumer failed: {}", id(), ex.getMessage());
			}
			run.executor.shutdown();
			this.run = null;
			transition(run.failed.get() ? ContainerState.FAILED : endState);
			logger.debug("Listener '{}' stopped ({} received, {} completed)", id(), received(), completed());
		}
	}

	private void await(CompletableFuture<?> future, long deadlineNanos, String what) {
		long remaining = Math.max(TimeUnit.SECONDS.toNanos(1), deadlineNanos - System.nanoTime());
		try {
			future.get(remaining, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.warn("Listener '{}': {} did not complete: {}", id(), what, unwrap(ex).toString());
		}
	}

	/**
	 * The handler executor of one run: {@link DeliveryExecutor#create} (virtual threads
	 * where the JVM has them); on older JVMs one daemon thread per lane, kept for the
	 * run, taking the lanes' tasks from a queue. At most one task per lane is ever
	 * submitted (a lane runs its tasks one after the other), so the queue never holds
	 * more than the lanes. A lane's thread that has just finished finds the next task in
	 * the queue without being woken, where a cached pool's hand-over (a
	 * {@code SynchronousQueue}) needs it parked and waiting, and otherwise starts a
	 * thread: measured on Redis, the listener waited 270 to 420 µs per wake-up in its
	 * slow rounds with a cached pool, against 11 to 55 µs with this one.
	 */
	private static ExecutorService handlerExecutor(String name, int lanes) {
		return VIRTUAL_THREADS ? DeliveryExecutor.create(name) : new ThreadPoolExecutor(lanes, lanes, 0L,
				TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), DeliveryExecutor.daemonThreads(name));
	}

	/**
	 * Whether a consumer implements {@link Consumer#poll()} rather than inheriting the
	 * default that always answers {@code null}: only then is a batch gathered with it.
	 */
	static boolean implementsPoll(Consumer consumer) {
		try {
			return consumer.getClass().getMethod("poll").getDeclaringClass() != Consumer.class;
		}
		catch (NoSuchMethodException | SecurityException ex) {
			return false;
		}
	}

	/**
	 * One start-to-stop run of the container: its consumer and threads.
	 */
	private final class Run {

		final Consumer consumer;

		final boolean commits;

		final String uri;

		final InFlightLimit limit;

		final ExecutorService executor;

		final SerialLane[] lanes;

		/** The batch being built per lane; used by the reader thread only. */
		final Batch[] batches;

		/**
		 * Whether there are observers: they are told what was received (in bulk, per
		 * dispatch) and how long each message took (one clock read per message: a batch
		 * times its synchronous handlers back to back).
		 */
		final boolean observed = !DefaultListenerContainer.this.observers.isEmpty();

		/**
		 * The headers of the dispatch being built; used by whichever takes from the
		 * consumer (the reader thread, or the lane's {@link Taker}), one at a time.
		 */
		final List<MessageHeader> receivedHeaders = new ArrayList<>();

		final Map<PartitionKey, Partition> partitions = new ConcurrentHashMap<>();

		final Queue<MessageHeader> toCommit = new ConcurrentLinkedQueue<>();

		final Object commitMonitor = new Object();

		final Object pauseMonitor = new Object();

		final AtomicBoolean failed = new AtomicBoolean();

		final Thread reader;

		volatile boolean reading = true;

		volatile boolean paused;

		volatile @Nullable ScheduledFuture<?> commitTask;

		private volatile @Nullable CompletableFuture<Message> pending;

		private volatile @Nullable Message held;

		private @Nullable Partition lastPartition;

		private int cursor;

		/** Whether the consumer implements {@link Consumer#poll()} (not the default). */
		private final boolean polls;

		/**
		 * With one lane and a consumer that polls: the batch the lane fills when, after a
		 * batch from the reader, it goes on taking what the consumer has buffered (see
		 * {@link Taker}); otherwise {@code null}.
		 */
		final @Nullable Batch takerBatch;

		/**
		 * Who takes from the consumer, and the number of the last hand-over to the lane
		 * (see {@link #state}): {@link #READER_TAKES}, {@link #LANE_TAKES} (the lane may
		 * poll; it runs handlers meanwhile) or {@link #LANE_POLLING} (the lane is polling
		 * now). Only the one that takes touches the consumer; the reader can take the
		 * taking back from the lane only between its polls, and a lane's {@link Taker}
		 * polls only while the hand-over it was made for is the current one.
		 */
		final AtomicLong taking = new AtomicLong(READER_TAKES);

		/** How many times the lane has polled: whether it goes on making progress. */
		volatile long lanePolls;

		/** How the lane's wait for the next message failed, for the reader to report. */
		volatile @Nullable Throwable laneFailure;

		Run(Consumer consumer, boolean commits, String uri, ExecutorService executor) {
			this.consumer = consumer;
			this.polls = implementsPoll(consumer);
			this.commits = commits;
			this.uri = uri;
			this.limit = new InFlightLimit(DefaultListenerContainer.this.endpoint.maxInFlight());
			this.executor = executor;
			int concurrency = DefaultListenerContainer.this.endpoint.concurrency();
			this.lanes = new SerialLane[concurrency];
			for (int i = 0; i < concurrency; i++) {
				this.lanes[i] = new SerialLane(this.executor);
			}
			this.batches = new Batch[concurrency];
			this.takerBatch = (concurrency == 1 && this.polls) ? new Batch(this, this.lanes[0], BATCH) : null;
			this.reader = new Thread(() -> readLoop(this), "seastreamer-reader-" + id());
			this.reader.setDaemon(true);
		}

		void release(int count) {
			this.limit.release(count);
		}

		void stopReading() {
			this.reading = false;
			CompletableFuture<Message> waiting = this.pending;
			if (waiting != null && state(this.taking.get()) == LANE_WAITING) {
				// the lane waits for the next message: a cancelled wait hands a late
				// message back to the consumer's buffer
				waiting.cancel(false);
			}
			signal();
		}

		void signal() {
			synchronized (this.pauseMonitor) {
				this.pauseMonitor.notifyAll();
			}
		}

		/**
		 * Wait while the lane takes; woken when it hands the taking back, and when
		 * reading stops. When the lane has not polled for {@value #RECLAIM_MILLIS} ms
		 * (its handler is slow or blocked) and there is room, the reader takes the taking
		 * back, so that the container keeps taking messages up to its in-flight bound
		 * while a handler works, as without the lane taking.
		 */
		void awaitLane() throws InterruptedException {
			long polls = this.lanePolls;
			synchronized (this.pauseMonitor) {
				int state = state(this.taking.get());
				if (state != READER_TAKES && this.reading) {
					// a lane waiting for the next message needs no watching
					this.pauseMonitor.wait((state == LANE_WAITING) ? POLL_MILLIS : RECLAIM_MILLIS);
				}
			}
			long now = this.taking.get();
			if (state(now) == LANE_TAKES && this.lanePolls == polls && this.reading && !this.paused
					&& this.limit.room() > 0) {
				this.taking.compareAndSet(now, withState(now, READER_TAKES));
			}
		}

		/**
		 * Hand the taking to the lane (called by the reader, which takes until then).
		 * @return the hand-over's value of {@link #taking} while the lane takes
		 */
		long handToLane() {
			long handOver = withState(this.taking.get() + 4, LANE_TAKES);
			this.taking.set(handOver);
			return handOver;
		}

		/**
		 * The lane is done taking: the reader thread takes again (unless it took the
		 * taking back already).
		 */
		void laneReturned(long handOver) {
			if (this.taking.compareAndSet(handOver, withState(handOver, READER_TAKES))) {
				synchronized (this.pauseMonitor) {
					this.pauseMonitor.notifyAll();
				}
			}
		}

		/**
		 * The lane found nothing buffered: it waits for the next message with a
		 * {@code next()} whose completion dispatches it to the lane (on the thread that
		 * completes it), so that a stream that goes quiet and busy again costs no trip
		 * through the reader thread. The reader does not take meanwhile; pausing or
		 * stopping cancels the wait, which hands a late message back to the consumer.
		 * @param handOver the lane's hand-over
		 * @return a message that was there at once (the lane still takes), or
		 * {@code null} when the lane now waits, or no longer takes
		 */
		@Nullable Message laneWaits(long handOver) {
			long waiting = withState(handOver, LANE_WAITING);
			if (!this.taking.compareAndSet(handOver, waiting)) {
				return null;
			}
			CompletableFuture<Message> next;
			try {
				next = this.consumer.next();
			}
			catch (RuntimeException ex) {
				next = CompletableFuture.failedFuture(ex);
			}
			if (next.isDone() && !next.isCompletedExceptionally()) {
				this.taking.set(handOver);
				return next.join();
			}
			this.pending = next;
			if (!this.reading || this.paused) {
				// paused or stopped while this future was made: whoever did may have
				// looked for it before it was there
				next.cancel(false);
			}
			CompletableFuture<Message> mine = next;
			next.whenComplete((message, error) -> laneNext(waiting, mine, message, error));
			return null;
		}

		/**
		 * The lane's wait ended: dispatch the message to the lane, which runs it and goes
		 * on taking what else is buffered; or hand the taking back to the reader, which
		 * keeps a message that arrived while pausing and reports a failure.
		 */
		private void laneNext(long waiting, CompletableFuture<Message> future, @Nullable Message message,
				@Nullable Throwable error) {
			if (this.pending == future) {
				this.pending = null;
			}
			try {
				if (message != null && error == null) {
					if (this.reading && !this.paused) {
						// on the thread that completed the wait (a shared delivery
						// thread): the lane is woken with this message at once and takes
						// what else is buffered itself
						dispatchBatch(this, message, false);
						return;
					}
					if (this.reading) {
						// taken while pause() ran: keep it (and its room) until resumed
						this.held = message;
					}
				}
				else if (error != null && !(unwrap(error) instanceof java.util.concurrent.CancellationException)) {
					this.laneFailure = unwrap(error);
				}
			}
			catch (RuntimeException ex) {
				logger.error("Listener '{}': dispatching a message failed unexpectedly", id(), ex);
			}
			laneReturned(waiting);
		}

		/**
		 * At shutdown, take the taking back from the lane (waiting out a poll in
		 * progress, which does not wait), so that nothing is taken from a closed
		 * consumer.
		 */
		void awaitLaneReturned(long deadlineNanos) throws InterruptedException {
			while (true) {
				long now = this.taking.get();
				int state = state(now);
				if (state == READER_TAKES
						|| (state == LANE_TAKES && this.taking.compareAndSet(now, withState(now, READER_TAKES)))) {
					return;
				}
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					return;
				}
				if (state == LANE_POLLING) {
					// polling never waits
					Thread.yield();
					continue;
				}
				synchronized (this.pauseMonitor) {
					// a wait for the next message, cancelled by stopReading(), ends soon
					if (state(this.taking.get()) == LANE_WAITING) {
						TimeUnit.NANOSECONDS.timedWait(this.pauseMonitor,
								Math.min(left, TimeUnit.MILLISECONDS.toNanos(RECLAIM_MILLIS)));
					}
				}
			}
		}

		void awaitResume() throws InterruptedException {
			synchronized (this.pauseMonitor) {
				if (this.paused && this.reading) {
					this.pauseMonitor.wait(POLL_MILLIS);
				}
			}
		}

		/**
		 * The next message, or {@code null} when reading stopped or paused meanwhile; a
		 * waiting {@code next()} is cancelled then, which returns a late message to the
		 * consumer's buffer instead of losing it.
		 */
		@Nullable Message next() throws Exception {
			CompletableFuture<Message> future = this.pending;
			if (future == null) {
				future = this.consumer.next();
				this.pending = future;
			}
			while (true) {
				try {
					Message message = future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
					this.pending = null;
					return message;
				}
				catch (TimeoutException ex) {
					if (!this.reading || this.paused) {
						if (future.cancel(false)) {
							this.pending = null;
							return null;
						}
					}
				}
				catch (java.util.concurrent.CancellationException ex) {
					this.pending = null;
					return null;
				}
			}
		}

		/**
		 * A message the consumer has already buffered, or {@code null} without waiting. A
		 * consumer that implements {@link Consumer#poll()} is asked with it (no waiter,
		 * no spinning: {@code null} ends the batch, and the read loop's next
		 * {@link #next()} waits). Otherwise a {@code next()} whose future is not complete
		 * yet is kept for the next {@link #next()}, so that nothing it delivers later is
		 * lost. A kept future is always taken first: a message never overtakes one
		 * already asked for.
		 */
		@Nullable Message poll() {
			CompletableFuture<Message> future = this.pending;
			if (future == null) {
				if (this.polls) {
					return this.consumer.poll();
				}
				future = this.consumer.next();
			}
			if (future.isDone() && !future.isCompletedExceptionally()) {
				this.pending = null;
				return future.join();
			}
			this.pending = future;
			return null;
		}

		int lane(MessageHeader header) {
			int lanes = this.lanes.length;
			if (lanes == 1) {
				return 0;
			}
			if (DefaultListenerContainer.this.endpoint.ordered()) {
				int hash = 31 * header.streamKey().hashCode() + header.shardId().hashCode();
				return Math.floorMod(hash, lanes);
			}
			int next = this.cursor++;
			return Math.floorMod(next, lanes);
		}

		Partition partition(MessageHeader header) {
			Partition last = this.lastPartition;
			if (last != null && last.key.matches(header)) {
				return last;
			}
			PartitionKey key = new PartitionKey(header.streamKey(), header.shardId());
			Partition partition = this.partitions.computeIfAbsent(key, Partition::new);
			this.lastPartition = partition;
			return partition;
		}

	}

	/**
	 * A stream and shard.
	 */
	private record PartitionKey(StreamKey stream, ShardId shard) {

		boolean matches(MessageHeader header) {
			return this.stream.equals(header.streamKey()) && this.shard.equals(header.shardId());
		}

	}

	/**
	 * The messages of one stream and shard taken and not yet released, in the order read.
	 */
	private static final class Partition {

		final PartitionKey key;

		final Queue<Entry> entries = new ConcurrentLinkedQueue<>();

		final AtomicInteger wip = new AtomicInteger();

		Partition(PartitionKey key) {
			this.key = key;
		}

		void drain(DefaultListenerContainer.Run run) {
			if (this.wip.getAndIncrement() != 0) {
				return;
			}
			int missed = 1;
			do {
				int drained = 0;
				Entry head;
				while ((head = this.entries.peek()) != null && head.done) {
					this.entries.poll();
					run.toCommit.offer(head.header);
					drained++;
				}
				if (drained > 0) {
					run.release(drained);
				}
				missed = this.wip.addAndGet(-missed);
			}
			while (missed != 0);
		}

	}

	/**
	 * One message taken from the consumer.
	 */
	private static final class Entry {

		private static final AtomicIntegerFieldUpdater<Entry> COMPLETED = AtomicIntegerFieldUpdater
			.newUpdater(Entry.class, "completed");

		final Message message;

		final MessageHeader header;

		final @Nullable Partition partition;

		volatile int completed;

		volatile boolean done;

		long startNanos;

		Entry(Message message, @Nullable Partition partition) {
			this.message = message;
			this.header = message.header();
			this.partition = partition;
			if (partition != null) {
				partition.entries.offer(this);
			}
		}

		/**
		 * Claim the completion of this message.
		 * @return whether this call completed it (and no earlier one)
		 */
		boolean markCompleted() {
			return COMPLETED.compareAndSet(this, 0, 1);
		}

		/**
		 * Mark this message completed by the only path that can complete it.
		 */
		void markCompletedHere() {
			COMPLETED.lazySet(this, 1);
		}

	}

	/**
	 * The single lane taking from the consumer itself: after a batch from the reader
	 * thread, it takes what the consumer has buffered (within the in-flight bound) and
	 * runs it, batch after batch, on the handler executor, with no hand-over between
	 * threads, until nothing is buffered, there is no room, or the container pauses or
	 * stops; then the reader thread, which waits for the next message, takes again. Only
	 * one of the two takes at a time, so the lane sees its messages in order.
	 */
	private final class Taker implements Runnable {

		private final Run run;

		/** The hand-over this taker was made for. */
		private final long handOver;

		/** A batch dispatched to the lane, run before the taking. */
		private final @Nullable Batch first;

		Taker(Run run, long handOver, @Nullable Batch first) {
			this.run = run;
			this.handOver = handOver;
			this.first = first;
		}

		@Override
		public void run() {
			Run run = this.run;
			Batch batch = java.util.Objects.requireNonNull(run.takerBatch);
			long mine = this.handOver;
			long polling = withState(mine, LANE_POLLING);
			boolean waits = false;
			try {
				Batch first = this.first;
				if (first != null) {
					first.run();
				}
				while (run.reading && !run.paused) {
					int max = Math.min(run.limit.room(), BATCH);
					if (max == 0 || !run.taking.compareAndSet(mine, polling)) {
						// no room, or the reader took the taking back
						return;
					}
					int count = 0;
					try {
						while (count < max && !run.paused) {
							Message message = run.consumer.poll();
							if (message == null) {
								break;
							}
							received(run, batch, message);
							count++;
						}
					}
					finally {
						run.lanePolls++;
						run.taking.set(mine);
					}
					if (count == 0) {
						Message next = run.laneWaits(mine);
						if (next == null) {
							// waiting (the wait's completion goes on), or no longer
							// taking
							waits = true;
							return;
						}
						if (!run.reading || run.paused) {
							// taken while pause() ran: the reader keeps it (and its room)
							// until resumed
							run.held = next;
							return;
						}
						received(run, batch, next);
						count = 1;
					}
					taken(run, count);
					try {
						batch.run();
					}
					finally {
						batch.clear();
					}
				}
			}
			finally {
				if (!waits) {
					run.laneReturned(mine);
				}
			}
		}

	}

	/**
	 * The messages of one dispatch for one lane: the lane runs their handlers in a loop,
	 * then does the bookkeeping of those that completed synchronously in bulk (one
	 * counter update, one permit release, one drain per stream and shard).
	 */
	private final class Batch implements Runnable {

		final Run run;

		final SerialLane lane;

		private Entry[] entries;

		private int size;

		Batch(Run run, SerialLane lane, int capacity) {
			this.run = run;
			this.lane = lane;
			this.entries = new Entry[Math.max(1, capacity)];
		}

		boolean isEmpty() {
			return this.size == 0;
		}

		void clear() {
			this.size = 0;
		}

		void add(Entry entry) {
			if (this.size == this.entries.length) {
				this.entries = Arrays.copyOf(this.entries, this.size * 2);
			}
			this.entries[this.size++] = entry;
		}

		@Override
		public void run() {
			Run run = this.run;
			int done = 0;
			int releases = 0;
			Partition pending = null;
			boolean observed = run.observed;
			long clock = observed ? System.nanoTime() : 0;
			try {
				for (int i = 0; i < this.size; i++) {
					Entry entry = this.entries[i];
					this.entries[i] = null;
					entry.startNanos = clock;
					Outcome outcome = process(run, this.lane, entry);
					if (observed) {
						// the end of this message is the start of the next
						clock = System.nanoTime();
					}
					if (outcome == null) {
						continue;
					}
					// completed synchronously: no other path holds this message (only a
					// manual acknowledgement or a later completion, which return no
					// outcome, may complete it elsewhere), so no compare-and-set
					entry.markCompletedHere();
					done++;
					try {
						if (observed) {
							notifyCompleted(entry, outcome, clock - entry.startNanos);
						}
					}
					catch (RuntimeException ex) {
						logger.warn("Listener observer failed for {}", entry.header, ex);
					}
					Partition partition = entry.partition;
					if (partition == null) {
						releases++;
					}
					else {
						entry.done = true;
						if (partition != pending) {
							if (pending != null) {
								pending.drain(run);
							}
							pending = partition;
						}
					}
				}
			}
			finally {
				if (done > 0) {
					DefaultListenerContainer.this.completed.add(done);
				}
				if (releases > 0) {
					run.release(releases);
				}
				if (pending != null) {
					pending.drain(run);
				}
			}
		}

	}

}
