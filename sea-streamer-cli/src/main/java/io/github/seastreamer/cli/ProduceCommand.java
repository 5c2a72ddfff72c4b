package io.github.seastreamer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Producer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Streamer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code produce}: every line of standard input becomes one message of the stream; the
 * line break ({@code \n} or {@code \r\n}) is not part of the payload, a last line without
 * a line break is sent too, an empty line is sent as an empty payload (the backend
 * decides what that means). The bytes are sent as they are (no UTF-8 check here; a
 * backend that carries only text refuses what is not). At end of input it flushes and
 * exits 0.
 *
 * <p>
 * Runs on the command thread; sends are pipelined (at most {@value #IN_FLIGHT}
 * unacknowledged). On SIGINT/SIGTERM the signal thread flushes the producer (the command
 * thread may be blocked reading stdin, which nothing can wake).
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
		description = "Send every line of standard input as one message.")
final class ProduceCommand implements Callable<Integer> {

	static final int IN_FLIGHT = 4096;

	@Option(names = "--stream", required = true, paramLabel = "URL", converter = Converters.Url.class,
			description = "The stream to send to, e.g. redis://localhost:6379/hello.")
	@Nullable StreamUrl stream;

	private InputStream stdin = System.in;

	@Override
	public Integer call() throws Exception {
		StreamUrl url = Required.of(this.stream);
		StreamKey key = Streams.key("--stream", url);
		Streamer streamer = Streams.connect(url);
		Producer producer = streamer.createProducer(key);
		Shutdown shutdown = Shutdown.install(() -> {
			try {
				producer.flush().get(Shutdown.GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				// nothing more can be done while the JVM exits
			}
		}, false);
		try {
			InFlight inFlight = new InFlight(IN_FLIGHT);
			LineReader lines = new LineReader(this.stdin);
			byte[] line;
			while ((line = lines.next()) != null && !shutdown.stopping()) {
				byte[] payload = line;
				inFlight.start(() -> producer.send(payload));
				inFlight.throwIfFailed();
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

	/**
	 * Splits a byte stream into lines at {@code \n}, removing one {@code \r} before it.
	 * Not thread-safe.
	 */
	static final class LineReader {

		private final InputStream in;

		private final byte[] buffer = new byte[1 << 16];

		private int start;

		private int end;

		private boolean eof;

		LineReader(InputStream in) {
			this.in = in;
		}

		/**
		 * The next line without its line break.
		 * @return the line, or {@code null} at end of input
		 * @throws IOException if reading fails
		 */
		byte @Nullable [] next() throws IOException {
			byte[] partial = null;
			while (true) {
				for (int i = this.start; i < this.end; i++) {
					if (this.buffer[i] == '\n') {
						byte[] line = concat(partial, i);
						this.start = i + 1;
						return stripCr(line);
					}
				}
				partial = concat(partial, this.end);
				this.start = 0;
				this.end = 0;
				if (this.eof) {
					return (partial.length == 0) ? null : stripCr(partial);
				}
				int n = this.in.read(this.buffer);
				if (n < 0) {
					this.eof = true;
				}
				else {
					this.end = n;
				}
			}
		}

		private byte[] concat(byte @Nullable [] partial, int upTo) {
			int n = upTo - this.start;
			if (partial == null) {
				return Arrays.copyOfRange(this.buffer, this.start, upTo);
			}
			byte[] joined = Arrays.copyOf(partial, partial.length + n);
			System.arraycopy(this.buffer, this.start, joined, partial.length, n);
			return joined;
		}

		private static byte[] stripCr(byte[] line) {
			if (line.length > 0 && line[line.length - 1] == '\r') {
				return Arrays.copyOf(line, line.length - 1);
			}
			return line;
		}

	}

}
