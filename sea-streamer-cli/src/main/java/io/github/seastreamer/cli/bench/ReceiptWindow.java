package io.github.seastreamer.cli.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.seastreamer.StreamTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the sends in flight of a bench producer without a callback per message: a ring
 * of the last {@code size} receipts; adding one waits for the receipt it replaces (the
 * oldest), so at most {@code size} sends are unacknowledged, and a failed send fails the
 * bench when its slot comes round or at {@link #awaitAll}.
 *
 * <p>
 * Not thread-safe: used by the sending thread only; blocks it while the oldest receipt is
 * pending.
 */
final class ReceiptWindow {

	private final @Nullable CompletableFuture<?>[] ring;

	private final long timeoutSeconds;

	private long count;

	ReceiptWindow(int size, long timeoutSeconds) {
		this.ring = new CompletableFuture<?>[size];
		this.timeoutSeconds = timeoutSeconds;
	}

	/**
	 * Remember a receipt, first waiting for the oldest one if the window is full.
	 * @param receipt the receipt of the send just made
	 * @throws Exception if the oldest send failed or timed out
	 */
	void add(CompletableFuture<?> receipt) throws Exception {
		int slot = (int) (this.count++ % this.ring.length);
		CompletableFuture<?> oldest = this.ring[slot];
		if (oldest != null) {
			await(oldest);
		}
		this.ring[slot] = receipt;
	}

	/**
	 * Wait for every remembered receipt.
	 * @throws Exception if a send failed or timed out
	 */
	void awaitAll() throws Exception {
		for (int i = 0; i < this.ring.length; i++) {
			CompletableFuture<?> receipt = this.ring[i];
			if (receipt != null) {
				await(receipt);
				this.ring[i] = null;
			}
		}
	}

	private void await(CompletableFuture<?> receipt) throws Exception {
		try {
			receipt.get(this.timeoutSeconds, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a send failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new StreamTimeoutException("no receipt for a send after " + this.timeoutSeconds + " s");
		}
	}

}
