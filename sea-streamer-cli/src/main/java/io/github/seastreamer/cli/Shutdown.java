package io.github.seastreamer.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a command cleanly on SIGINT or SIGTERM.
 *
 * <p>
 * The JVM runs shutdown hooks on a signal; the hook installed here completes
 * {@link #signal()}, which the command thread waits for beside its own futures, so that
 * it leaves its loop and does its normal clean-up (print what was received, commit what
 * was printed, flush producers); the hook waits for that clean-up, at most
 * {@link #GRACE}. The JVM then exits with its own code for the signal: 130 for SIGINT,
 * 143 for SIGTERM (128 + signal number), which tells a shell the command was interrupted.
 * Finishing normally removes the hook.
 */
final class Shutdown {

	/** The longest a signal waits for the command's clean-up. */
	static final Duration GRACE = Duration.ofSeconds(10);

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Thread hook;

	private final CompletableFuture<Void> signal = new CompletableFuture<>();

	private Shutdown(Runnable stop, boolean awaitCommand) {
		this.hook = new Thread(() -> {
			this.signal.complete(null);
			try {
				stop.run();
			}
			catch (RuntimeException ex) {
				// the command thread reports its own failure
			}
			if (!awaitCommand) {
				return;
			}
			try {
				this.finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "sea-streamer-shutdown");
	}

	/**
	 * Install a hook that, on a signal, completes {@link #signal()} and waits for the
	 * command thread's clean-up.
	 * @return the handle
	 */
	static Shutdown install() {
		return install(() -> {
		}, true);
	}

	/**
	 * Install a hook that runs a stop action on a signal.
	 * @param stop what to do on the signal (bounded in time)
	 * @param awaitCommand whether to wait for {@link #finished()} afterwards;
	 * {@code false} when the command thread may be blocked where nothing can wake it
	 * (reading stdin) and the stop action does the clean-up itself
	 * @return the handle
	 */
	static Shutdown install(Runnable stop, boolean awaitCommand) {
		Shutdown shutdown = new Shutdown(stop, awaitCommand);
		Runtime.getRuntime().addShutdownHook(shutdown.hook);
		return shutdown;
	}

	/**
	 * A future completed when a signal asks the command to stop; wait for it together
	 * with the command's own futures.
	 * @return the future
	 */
	CompletableFuture<Void> signal() {
		return this.signal;
	}

	/**
	 * Whether a signal asked the command to stop.
	 * @return {@code true} once a signal arrived
	 */
	boolean stopping() {
		return this.signal.isDone();
	}

	/**
	 * Tell a waiting signal that the clean-up is done, and remove the hook when no signal
	 * arrived. Call in a {@code finally} block of the command.
	 */
	void finished() {
		this.finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down: the hook is running or has run
		}
	}

}
