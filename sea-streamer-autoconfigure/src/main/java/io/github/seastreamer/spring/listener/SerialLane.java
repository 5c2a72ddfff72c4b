package io.github.seastreamer.spring.listener;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the handler lane
 * of one stream and shard. Lock-free: a work-in-progress counter makes one thread at a
 * time drain the queue.
 */
final class SerialLane implements Executor, Runnable {

	private static final Logger logger = LoggerFactory.getLogger(SerialLane.class);

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	private final Executor executor;

	/**
	 * The last downstream send issued by this lane; read and written only by the lane's
	 * tasks, which run one at a time.
	 */
	java.util.concurrent.CompletableFuture<?> sendTail = java.util.concurrent.CompletableFuture.completedFuture(null);

	SerialLane(Executor executor) {
		this.executor = executor;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.offer(task);
		if (this.wip.getAndIncrement() == 0) {
			this.executor.execute(this);
		}
	}

	@Override
	public void run() {
		int missed = 1;
		while (true) {
			Runnable task;
			while ((task = this.tasks.poll()) != null) {
				runSafely(task);
			}
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private static void runSafely(Runnable task) {
		try {
			task.run();
		}
		catch (Throwable ex) {
			logger.error("Listener task failed unexpectedly", ex);
		}
	}

}
