package io.github.seastreamer.file.format;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small pool of direct buffers for file channel I/O, shared by the reader and writer
 * threads of the process. A thread of its own per consumer and per producer would
 * otherwise take fresh memory for every buffer (the JDK keeps its temporary direct
 * buffers per thread), and the first touch of fresh memory costs a page fault per page.
 *
 * <p>
 * Thread-safe; lock-free.
 */
final class DirectBuffers {

	/** The size of the read buffers. */
	static final int READ = 256 * 1024;

	/** The size of the write buffers. */
	static final int WRITE = 1024 * 1024;

	private static final int MAX_POOLED = 8;

	private static final Pool READS = new Pool();

	private static final Pool WRITES = new Pool();

	private DirectBuffers() {
	}

	/**
	 * A cleared direct buffer of the given size, pooled for {@link #READ} and
	 * {@link #WRITE}.
	 * @param size the capacity
	 * @return the buffer
	 */
	static ByteBuffer take(int size) {
		Pool pool = pool(size);
		ByteBuffer buffer = (pool != null) ? pool.buffers.poll() : null;
		if (buffer == null) {
			return ByteBuffer.allocateDirect(size);
		}
		pool.count.decrementAndGet();
		return buffer.clear();
	}

	/**
	 * Give a buffer back; it must not be used afterwards.
	 * @param buffer the buffer
	 */
	static void give(ByteBuffer buffer) {
		Pool pool = pool(buffer.capacity());
		if (pool != null && buffer.isDirect() && pool.count.incrementAndGet() <= MAX_POOLED) {
			pool.buffers.offer(buffer);
		}
		else if (pool != null) {
			pool.count.decrementAndGet();
		}
	}

	private static Pool pool(int size) {
		return (size == READ) ? READS : (size == WRITE) ? WRITES : null;
	}

	private static final class Pool {

		final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();

		final AtomicInteger count = new AtomicInteger();

	}

}
