package io.github.seastreamer.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.seastreamer.Producer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Streamer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code clock}: sends {@code { "tick": N }} for N = 0, 1, 2, … to one stream, waiting
 * {@code --interval} between sends; with {@code --interval 0s} as fast as the backend
 * takes them (sends are pipelined, at most {@value #IN_FLIGHT} unacknowledged). Stops
 * after {@code --count} messages (forever without), then flushes and exits 0.
 *
 * <p>
 * Runs on the command thread; on SIGINT/SIGTERM it stops sending and flushes.
 */
@Command(name = "clock", mixinStandardHelpOptions = true,
		description = "Send { \"tick\": N } to a stream, N = 0, 1, 2, ...")
final class ClockCommand implements Callable<Integer> {

	static final int IN_FLIGHT = 4096;

	@Spec
	CommandSpec spec;

	@Option(names = "--stream", required = true, paramLabel = "URL", converter = Converters.Url.class,
			description = "The stream to send to, e.g. stdio:///clock or redis://localhost:6379/clock.")
	@Nullable StreamUrl stream;

	@Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = Durations.class,
			description = "The pause between sends: an integer followed by ns, us, ms, s or m (default ${DEFAULT-VALUE}).")
	Duration interval = Duration.ofSeconds(1);

	@Option(names = "--count", paramLabel = "N", description = "Stop after N messages (default: never).")
	@Nullable Long count;

	@Override
	public Integer call() throws Exception {
		StreamUrl url = Required.of(this.stream);
		if (this.count != null && this.count < 0) {
			throw new ParameterException(this.spec.commandLine(), "--count must not be negative: " + this.count);
		}
		StreamKey key = Streams.key("--stream", url);
		Streamer streamer = Streams.connect(url);
		Shutdown shutdown = Shutdown.install();
		try {
			Producer producer = streamer.createProducer(key);
			InFlight inFlight = new InFlight(IN_FLIGHT);
			for (long n = 0; this.count == null || n < this.count; n++) {
				if (shutdown.stopping()) {
					break;
				}
				String payload = "{ \"tick\": " + n + " }";
				inFlight.start(() -> producer.send(payload));
				inFlight.throwIfFailed();
				boolean last = this.count != null && n + 1 >= this.count;
				if (!this.interval.isZero() && !last && pause(shutdown)) {
					break;
				}
			}
			Streams.await(producer.flush(), "the flush of the producer");
			inFlight.awaitAll(Streams.TIMEOUT);
			Streams.await(producer.end(), "the end of the producer");
			Streams.disconnect(streamer);
			return 0;
		}
		finally {
			shutdown.finished();
		}
	}

	private boolean pause(Shutdown shutdown) throws Exception {
		try {
			shutdown.signal().get(this.interval.toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

}
