package io.github.seastreamer.file;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.seastreamer.Message;
import io.github.seastreamer.file.format.SsFrame;
import org.jspecify.annotations.Nullable;

/**
 * A run of frames the reader read together, handed to consumers before their payload
 * checksums are known: the checksums of a run are computed once, by whichever thread
 * claims the run first (a consumer taking one of its {@link Slice slices}, or the reader
 * when the consumers are behind), so that reading and checking run in parallel on two
 * cores.
 *
 * <p>
 * A consumer delivers a message only after its run and every earlier run of the same
 * {@link Generation} are checked, and only when no frame at or before it in that
 * generation is damaged: messages after damage are dropped (the reader, told through the
 * generation, then ends the subscribers or starts a new generation at the next beacon).
 * Thread-safe.
 */
final class FrameRun {

	/** The most frames in a run. */
	static final int MAX_RUN = 64;

	private static final int UNCLAIMED = 0;

	private static final int CLAIMED = 1;

	private static final int CHECKED = 2;

	final Generation generation;

	/** The run's position in its generation, from 0. */
	final long index;

	private final SsFrame[] frames;

	private final boolean[] check;

	private final int count;

	private final AtomicInteger state = new AtomicInteger(UNCLAIMED);

	/** The previous run of the generation until this one is settled, then null. */
	private volatile @Nullable FrameRun previous;

	/** Whether this run and every earlier one of its generation are checked. */
	private volatile boolean settled;

	FrameRun(Generation generation, long index, SsFrame[] frames, boolean[] check, int count,
			@Nullable FrameRun previous) {
		this.generation = generation;
		this.index = index;
		this.frames = frames;
		this.check = check;
		this.count = count;
		this.previous = previous;
	}

	/**
	 * The frames per run for a prefetch: at most {@value #MAX_RUN}, fewer for a smaller
	 * prefetch.
	 * @param prefetch the messages a consumer may buffer
	 * @return the run size
	 */
	static int runSize(int prefetch) {
		return Math.max(1, Math.min(MAX_RUN, prefetch));
	}

	/**
	 * The slices a consumer's inbox holds, so that it buffers about {@code prefetch}
	 * messages.
	 * @param prefetch the messages a consumer may buffer
	 * @return the inbox capacity in slices
	 */
	static int slices(int prefetch) {
		return Math.max(1, prefetch / runSize(prefetch));
	}

	SsFrame frame(int i) {
		return this.frames[i];
	}

	int count() {
		return this.count;
	}

	boolean isChecked() {
		return this.state.get() == CHECKED;
	}

	/**
	 * Check this run now unless another thread has claimed it; never waits.
	 */
	void checkIfUnclaimed() {
		if (this.state.get() == UNCLAIMED && this.state.compareAndSet(UNCLAIMED, CLAIMED)) {
			compute();
		}
	}

	/**
	 * Make sure this run and every earlier run of its generation are checked: check those
	 * nobody claimed, wait for those another thread is checking (a few microseconds).
	 */
	void awaitChecked() {
		if (this.settled) {
			return;
		}
		// oldest first; normally only this one is left
		List<FrameRun> chain = new ArrayList<>(2);
		for (FrameRun r = this; r != null && !r.settled; r = r.previous) {
			chain.add(r);
		}
		for (int i = chain.size() - 1; i >= 0; i--) {
			FrameRun r = chain.get(i);
			r.awaitSelf();
			r.settle();
		}
	}

	/**
	 * Mark this run settled: it and every earlier run of its generation are checked.
	 */
	void settle() {
		this.settled = true;
		this.previous = null;
	}

	private void awaitSelf() {
		if (this.state.get() == CHECKED) {
			return;
		}
		if (this.state.compareAndSet(UNCLAIMED, CLAIMED)) {
			compute();
			return;
		}
		int spins = 0;
		while (this.state.get() != CHECKED) {
			if (++spins < 100) {
				Thread.onSpinWait();
			}
			else {
				Thread.yield();
			}
		}
	}

	private void compute() {
		for (int i = 0; i < this.count; i++) {
			if (this.check[i] && !this.frames[i].checksumMatches()) {
				this.generation.damaged(this.index, i);
				break;
			}
		}
		this.state.set(CHECKED);
	}

	/**
	 * How many frames of this run, from the first, may be delivered: all, those before
	 * the first damaged frame, or none after damage in an earlier run. Call after
	 * {@link #awaitChecked()}.
	 */
	int deliverable() {
		Damage damage = this.generation.damage();
		if (damage == null || damage.run > this.index) {
			return this.count;
		}
		return (damage.run == this.index) ? damage.frame : 0;
	}

	/**
	 * The frames read since the reader was last positioned (opened, sought, rewound, or
	 * skipped to a beacon after damage), and the first damage found among them.
	 */
	static final class Generation {

		/** Counts the generations of one reader, from 0. */
		final long number;

		Generation(long number) {
			this.number = number;
		}

		private final AtomicReference<@Nullable Damage> damage = new AtomicReference<>();

		@Nullable Damage damage() {
			return this.damage.get();
		}

		void damaged(long run, int frame) {
			Damage found = new Damage(run, frame);
			while (true) {
				Damage current = this.damage.get();
				if (current != null && (current.run < run || (current.run == run && current.frame <= frame))) {
					return;
				}
				if (this.damage.compareAndSet(current, found)) {
					return;
				}
			}
		}

	}

	/** Where the first damaged frame of a generation is. */
	record Damage(long run, int frame) {
	}

	/**
	 * The messages of one run for one consumer, with the index of each one's frame in the
	 * run.
	 */
	static final class Slice {

		final FrameRun run;

		private final Message[] messages;

		private final int[] frames;

		private int size;

		Slice(FrameRun run, int capacity) {
			this.run = run;
			this.messages = new Message[capacity];
			this.frames = new int[capacity];
		}

		void add(Message message, int frame) {
			this.messages[this.size] = message;
			this.frames[this.size++] = frame;
		}

		int size() {
			return this.size;
		}

		Message message(int i) {
			return this.messages[i];
		}

		int frame(int i) {
			return this.frames[i];
		}

		/**
		 * How many messages, from the first, may be delivered (see
		 * {@link FrameRun#deliverable()}); checks the run first if needed.
		 */
		int deliverable() {
			this.run.awaitChecked();
			int frames = this.run.deliverable();
			if (frames >= this.run.count) {
				return this.size;
			}
			int n = 0;
			while (n < this.size && this.frames[n] < frames) {
				n++;
			}
			return n;
		}

	}

}
