package io.github.seastreamer.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The stdin reader: a daemon thread that reads large chunks, cuts them into lines, parses
 * each line and hands it to the {@link StdioDispatcher}.
 *
 * <p>
 * A line ends at {@code \n}; a {@code \r} right before it belongs to the terminator (for
 * raw and meta lines alike). The last line may lack a terminator. A line that is not
 * valid UTF-8, whose meta cannot be parsed, or that is longer than
 * {@value #MAX_LINE_LENGTH} bytes is reported on the error stream with its line number
 * and skipped; the lines after it are read as usual. End of input (or a read error) ends
 * the consumers that end with the input.
 */
final class StdioReader implements Runnable {

	static final int MAX_LINE_LENGTH = 64 * 1024 * 1024;

	private static final int INITIAL_BUFFER_SIZE = 64 * 1024;

	private final StdioWorld world;

	private final InputStream in;

	private final StdioLineParser parser = new StdioLineParser();

	private final StdioLineParser.Result result = new StdioLineParser.Result();

	private final StdioDispatcher dispatcher;

	private long lineNumber;

	/** Whether the rest of an overlong line is being dropped, up to its newline. */
	private boolean discarding;

	StdioReader(StdioWorld world, InputStream in) {
		this.world = world;
		this.in = in;
		this.dispatcher = new StdioDispatcher(world);
	}

	@Override
	public void run() {
		Throwable failure = null;
		try {
			read();
		}
		catch (IOException | RuntimeException ex) {
			failure = ex;
			this.world.report("cannot read standard input after line " + this.lineNumber + ": " + ex);
		}
		finally {
			this.world.inputEnded(failure);
		}
	}

	private void read() throws IOException {
		int maxLength = this.world.maxLineLength();
		// one byte more than the longest line, for its newline
		byte[] buffer = new byte[Math.min(INITIAL_BUFFER_SIZE, maxLength + 1)];
		int start = 0;
		int end = 0;
		while (true) {
			int read = this.in.read(buffer, end, buffer.length - end);
			if (read < 0) {
				if (start < end && !this.discarding) {
					this.lineNumber++;
					line(buffer, start, end, false, false);
				}
				return;
			}
			int scanFrom = end;
			end += read;
			start = lines(buffer, start, scanFrom, end);
			if (this.discarding) {
				start = 0;
				end = 0;
			}
			else if (start > 0) {
				System.arraycopy(buffer, start, buffer, 0, end - start);
				end -= start;
				start = 0;
			}
			else if (end == buffer.length) {
				if (buffer.length > maxLength) {
					this.lineNumber++;
					this.world.reportLine(this.lineNumber, "longer than " + maxLength + " bytes, skipped");
					this.discarding = true;
					end = 0;
				}
				else {
					buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLength + 1));
				}
			}
		}
	}

	/**
	 * Handle every complete line in {@code buffer[start, end)}; only
	 * {@code [scanFrom, end)} is new, the bytes before hold no newline.
	 * @return where the incomplete last line starts ({@code end} if there is none)
	 */
	private int lines(byte[] buffer, int start, int scanFrom, int end) {
		int lineStart = start;
		int scan = scanFrom;
		while (true) {
			long found = StdioBytes.scanLine(buffer, scan, end);
			if (found < 0) {
				return lineStart;
			}
			int newline = (int) (found >>> 1);
			if (this.discarding) {
				this.discarding = false;
			}
			else {
				// the scan saw the whole line only if it started where the line starts
				boolean ascii = (found & 1) != 0 && scan == lineStart;
				this.lineNumber++;
				line(buffer, lineStart, newline, true, ascii);
			}
			lineStart = newline + 1;
			scan = lineStart;
		}
	}

	private void line(byte[] buffer, int start, int end, boolean terminated, boolean ascii) {
		int stop = end;
		if (terminated && stop > start && buffer[stop - 1] == '\r') {
			stop--;
		}
		if (!ascii && !StdioBytes.isUtf8(buffer, start, stop)) {
			this.world.reportLine(this.lineNumber, "not valid UTF-8, skipped");
			return;
		}
		StdioLineParser.Result parsed = this.result;
		if (!this.parser.parse(buffer, start, stop, parsed)) {
			this.world.reportLine(this.lineNumber, describe(parsed.error));
			return;
		}
		Instant timestamp = (parsed.timestamp != null) ? parsed.timestamp : Instant.now();
		this.dispatcher.deliverInput(parsed.key, parsed.hasShard ? parsed.shard : 0, parsed.hasSequence,
				parsed.sequence, timestamp, buffer, parsed.payloadStart, parsed.payloadEnd - parsed.payloadStart);
	}

	private static String describe(@Nullable String error) {
		return (error != null) ? error : "cannot parse meta";
	}

}
