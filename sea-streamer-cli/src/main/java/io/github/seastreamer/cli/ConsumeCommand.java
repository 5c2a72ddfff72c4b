package io.github.seastreamer.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Streamer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code consume}: prints the messages of one or more streams on standard output, one
 * line each, in the {@code --format} of {@link OutputFormat}.
 *
 * <p>
 * Output is buffered and flushed whenever no further message is ready, so a live stream
 * shows each message at once and a backlog is printed at full speed. In resumable and
 * load-balanced modes each message is committed after its line was flushed to stdout (the
 * backend batches the commits); at exit the command waits for those commits. It exits 0
 * when the stream ends or after {@code --count} messages; with 141 (like a process killed
 * by SIGPIPE) if stdout is closed by its reader, without committing what could not be
 * printed. On SIGINT/SIGTERM it stops reading, flushes what it received, commits it and
 * exits (130/143).
 */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Print the messages of streams.")
final class ConsumeCommand implements Callable<Integer> {

	/** The exit code when stdout was closed by its reader (128 + SIGPIPE). */
	static final int BROKEN_PIPE = 141;

	static final int COMMIT_BATCH = 1024;

	@Spec
	CommandSpec spec;

	@Option(names = "--stream", required = true, paramLabel = "URL", converter = Converters.Url.class,
			description = "The streams to read, e.g. stdio:///a,b or redis://localhost:6379/hello.")
	@Nullable StreamUrl stream;

	@Option(names = "--mode", paramLabel = "realtime|resumable|load-balanced", converter = Converters.Mode.class,
			description = "The consumer mode (default realtime).")
	ConsumerMode mode = ConsumerMode.REAL_TIME;

	@Option(names = "--group", paramLabel = "G", description = "The consumer group.")
	@Nullable String group;

	@Option(names = "--offset", paramLabel = "start|end", converter = Converters.Offset.class,
			description = "Where to start without a prior position: start (earliest) or end (latest, default).")
	StreamReset offset = StreamReset.LATEST;

	@Option(names = "--seek", paramLabel = "TIMESTAMP", converter = Converters.Time.class,
			description = "Start at this time (YYYY-MM-DDTHH:MM:SS[.f] UTC, ISO-8601 with zone, or Unix ms).")
	@Nullable Instant seek;

	@Option(names = "--rewind", paramLabel = "SEQ", converter = Converters.Sequence.class,
			description = "Start at this sequence number.")
	@Nullable Long rewind;

	@Option(names = "--count", paramLabel = "N", description = "Stop after N messages.")
	@Nullable Long count;

	@Option(names = "--format", paramLabel = "log|ndjson|payload", converter = Converters.Format.class,
			description = "log: [timestamp | key | seq | shard] payload (default); ndjson: one JSON object per line; payload: the payload alone.")
	OutputFormat format = OutputFormat.LOG;

	private final OutputStream stdout = new BufferedOutputStream(SeaStreamerCommand.stdout(), 1 << 16);

	@Override
	public Integer call() throws Exception {
		StreamUrl url = Required.of(this.stream);
		if (this.count != null && this.count < 0) {
			throw new ParameterException(this.spec.commandLine(), "--count must not be negative: " + this.count);
		}
		if (this.seek != null && this.rewind != null) {
			throw new ParameterException(this.spec.commandLine(), "--seek and --rewind exclude each other");
		}
		Streams.keys("--stream", url);
		Streamer streamer = Streams.connect(url);
		Consumer consumer = streamer.createConsumer(url.streamKeys(),
				ConsumerOptions.builder().mode(this.mode).group(this.group).streamReset(this.offset).build());
		Shutdown shutdown = Shutdown.install();
		Committer committer = new Committer(consumer, this.mode != ConsumerMode.REAL_TIME);
		try {
			if (this.seek != null) {
				Streams.await(consumer.seek(this.seek), "the seek to " + this.seek);
			}
			if (this.rewind != null) {
				Streams.await(consumer.rewind(SeqPos.at(this.rewind)),
						"the rewind to " + Long.toUnsignedString(this.rewind));
			}
			long printed = 0;
			while ((this.count == null || printed < this.count) && !shutdown.stopping()) {
				CompletableFuture<Message> next = consumer.next();
				if (!next.isDone() && !committer.flush(this.stdout)) {
					return BROKEN_PIPE;
				}
				Message message = await(next, shutdown);
				if (message == null) {
					break;
				}
				try {
					this.format.write(message, this.stdout);
				}
				catch (IOException ex) {
					return BROKEN_PIPE;
				}
				printed++;
				if (committer.add(message.header()) >= COMMIT_BATCH && !committer.flush(this.stdout)) {
					return BROKEN_PIPE;
				}
			}
			if (!committer.flush(this.stdout)) {
				return BROKEN_PIPE;
			}
			committer.awaitAll();
			consumer.close();
			Streams.disconnect(streamer);
			return 0;
		}
		finally {
			shutdown.finished();
		}
	}

	private static @Nullable Message await(CompletableFuture<Message> next, Shutdown shutdown) throws Exception {
		try {
			if (!next.isDone()) {
				CompletableFuture.anyOf(next, shutdown.signal()).get();
			}
			else if (!next.isCompletedExceptionally()) {
				return next.join();
			}
			else {
				next.get();
			}
		}
		catch (ExecutionException ex) {
			if (Errors.isStreamEnded(ex)) {
				return null;
			}
			throw Errors.unchecked(ex);
		}
		return next.isDone() ? next.join() : null;
	}

	/**
	 * Commits, in the committing modes, the headers of the lines that reached stdout.
	 * Used by the command thread only.
	 */
	private static final class Committer {

		private final Consumer consumer;

		private final boolean enabled;

		private final List<MessageHeader> printed = new ArrayList<>();

		private final InFlight inFlight = new InFlight(8 * COMMIT_BATCH);

		Committer(Consumer consumer, boolean enabled) {
			this.consumer = consumer;
			this.enabled = enabled;
		}

		int add(MessageHeader header) {
			if (this.enabled) {
				this.printed.add(header);
			}
			return this.printed.size();
		}

		/** Flush stdout, then commit what it held; {@code false} if stdout is closed. */
		boolean flush(OutputStream stdout) throws InterruptedException {
			try {
				stdout.flush();
			}
			catch (IOException ex) {
				return false;
			}
			for (MessageHeader header : this.printed) {
				this.inFlight.start(() -> this.consumer.commit(header));
			}
			this.printed.clear();
			this.inFlight.throwIfFailed();
			return true;
		}

		void awaitAll() throws InterruptedException {
			this.inFlight.awaitAll(Streams.TIMEOUT);
		}

	}

}
