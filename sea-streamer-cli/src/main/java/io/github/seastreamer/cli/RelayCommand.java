package io.github.seastreamer.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.seastreamer.Capability;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.Producer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Streamer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay}: forwards the payload of every message of the input streams, unchanged,
 * to the one output stream, from any backend to any other (tools.md §2).
 *
 * <p>
 * The consumer is real-time; {@code --offset start|end} sets its stream reset,
 * {@code --since T} seeks it to that time before reading, {@code --until T} stops at the
 * first message later than T (not forwarded) — and also once T is past and no message
 * came for {@value #IDLE_MILLIS} ms, since nothing of the range can come any more. This
 * copies a time range of one backend to another (e.g. Redis to a {@code .ss} file). The
 * relay exits 0 when its input ends, after flushing the producer. Relaying a stream to
 * itself is refused on a backend that stores messages (it would loop forever); on one
 * that does not (stdio, where input is stdin and output is stdout) it is allowed.
 *
 * <p>
 * Runs on the command thread; sends are pipelined (at most {@value #IN_FLIGHT}
 * unacknowledged); SIGINT/SIGTERM stops reading and flushes what was forwarded.
 */
@Command(name = "relay", mixinStandardHelpOptions = true,
		description = "Forward every payload of the input streams, unchanged, to the output stream.")
final class RelayCommand implements Callable<Integer> {

	static final int IN_FLIGHT = 4096;

	static final long IDLE_MILLIS = 1000;

	@Option(names = "--input", required = true, paramLabel = "URL", converter = Converters.Url.class,
			description = "The streams to read, e.g. stdio:///clock or kafka://localhost:9092/a,b.")
	@Nullable StreamUrl input;

	@Option(names = "--output", required = true, paramLabel = "URL", converter = Converters.Url.class,
			description = "The one stream to write, e.g. stdio:///relay.")
	@Nullable StreamUrl output;

	@Option(names = "--offset", paramLabel = "start|end", converter = Converters.Offset.class,
			description = "Where to start without a prior position: start (earliest) or end (latest, default).")
	StreamReset offset = StreamReset.LATEST;

	@Option(names = "--since", paramLabel = "TIMESTAMP", converter = Converters.Time.class,
			description = "Seek the input to this time first (YYYY-MM-DDTHH:MM:SS[.f] UTC, ISO-8601 with zone, or Unix ms).")
	@Nullable Instant since;

	@Option(names = "--until", paramLabel = "TIMESTAMP", converter = Converters.Time.class,
			description = "Stop at the first message later than this time.")
	@Nullable Instant until;

	@Override
	public Integer call() throws Exception {
		StreamUrl in = Required.of(this.input);
		StreamUrl out = Required.of(this.output);
		Streams.keys("--input", in);
		StreamKey outKey = Streams.key("--output", out);
		Streamer source = Streams.connect(in);
		if (in.toString().equals(out.toString()) && source.capabilities().contains(Capability.PERSISTENT)) {
			throw new ConfigurationException("input == output !!! (" + in + " would be relayed into itself forever)");
		}
		Streamer target = Streams.connect(out);
		Consumer consumer = source.createConsumer(in.streamKeys(),
				ConsumerOptions.builder().mode(ConsumerMode.REAL_TIME).streamReset(this.offset).build());
		Shutdown shutdown = Shutdown.install();
		try {
			if (this.since != null) {
				Streams.await(consumer.seek(this.since), "the seek to " + this.since);
			}
			Producer producer = target.createProducer(outKey);
			InFlight inFlight = new InFlight(IN_FLIGHT);
			CompletableFuture<Message> next = consumer.next();
			while (!shutdown.stopping()) {
				Message message = nextOrNull(next, shutdown);
				if (message == null) {
					break;
				}
				if (this.until != null && message.timestamp().isAfter(this.until)) {
					break;
				}
				byte[] payload = message.payloadBytes();
				inFlight.start(() -> producer.send(payload));
				inFlight.throwIfFailed();
				next = consumer.next();
			}
			Streams.await(producer.flush(), "the flush of the producer");
			inFlight.awaitAll(Streams.TIMEOUT);
			consumer.close();
			Streams.await(producer.end(), "the end of the producer");
			Streams.disconnect(target);
			Streams.disconnect(source);
			return 0;
		}
		finally {
			shutdown.finished();
		}
	}

	/**
	 * The next message, or {@code null} when the input ended, a signal arrived, or the
	 * {@code --until} time is past and the input stayed idle.
	 */
	private @Nullable Message nextOrNull(CompletableFuture<Message> next, Shutdown shutdown) throws Exception {
		if (next.isDone() && !next.isCompletedExceptionally()) {
			return next.join();
		}
		CompletableFuture<Object> either = CompletableFuture.anyOf(next, shutdown.signal());
		try {
			if (this.until == null) {
				either.get();
			}
			else {
				while (!either.isDone()) {
					try {
						either.get(IDLE_MILLIS, TimeUnit.MILLISECONDS);
					}
					catch (TimeoutException ex) {
						if (Instant.now().isAfter(this.until)) {
							return null;
						}
					}
				}
				either.get();
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

}
