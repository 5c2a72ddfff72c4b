package io.github.seastreamer.cli.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.Timestamps;

/**
 * The child JVM of a bench pipeline (see {@link ChildPipeline}): one end of a SeaStreamer
 * pipeline or of the raw line pipe. Each first handles {@code warm} warm-up messages,
 * then times the measured ones and writes the elapsed nanoseconds to a result file.
 *
 * <pre>
 * sea-produce URL PAYLOAD_FILE WARM RESULT   producer of the stream: flush after warm-up, time from first send to flushed
 * sea-consume URL COUNT WARM RESULT          real-time consumer from the earliest: time from first measured message to last
 * raw-write KEY PAYLOAD_FILE WARM RESULT     BufferedWriter on stdout: time from first line to flushed
 * raw-read COUNT WARM RESULT                 BufferedReader on stdin: time from first measured line to last
 * </pre>
 *
 * <p>
 * The payload file holds one payload per line. Warm-up messages repeat the payloads from
 * the first. Runs on the main thread and exits non-zero with one line on stderr on
 * failure.
 */
public final class BenchWorker {

	private static final long MESSAGE_TIMEOUT_SECONDS = 60;

	private static final int IN_FLIGHT = 4096;

	private BenchWorker() {
	}

	/**
	 * Run one end of a pipeline.
	 * @param args the mode and its arguments
	 */
	public static void main(String[] args) {
		try {
			long nanos = switch (args[0]) {
				case "sea-produce" ->
					seaProduce(StreamUrl.parse(args[1]), readPayloads(Path.of(args[2])), Integer.parseInt(args[3]));
				case "sea-consume" ->
					seaConsume(StreamUrl.parse(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
				case "raw-write" -> rawWrite(args[1], readPayloads(Path.of(args[2])), Integer.parseInt(args[3]));
				case "raw-read" -> rawRead(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
				default -> throw new IllegalArgumentException("unknown bench worker mode " + args[0]);
			};
			Files.writeString(Path.of(args[args.length - 1]), Long.toString(nanos), StandardCharsets.US_ASCII);
			System.exit(0);
		}
		catch (Throwable ex) {
			System.err.println("Error: " + ex);
			System.exit(1);
		}
	}

	/**
	 * Write payloads, one per line, for the children to read.
	 * @param file the file
	 * @param payloads the payloads, none holding a line break
	 * @throws IOException if writing fails
	 */
	static void writePayloads(Path file, List<byte[]> payloads) throws IOException {
		try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
			for (byte[] payload : payloads) {
				for (byte b : payload) {
					if (b == '\n' || b == '\r') {
						throw new IllegalArgumentException("a line pipe cannot carry a payload holding a line break");
					}
				}
				out.write(payload);
				out.write('\n');
			}
		}
	}

	private static List<byte[]> readPayloads(Path file) throws IOException {
		byte[] all = Files.readAllBytes(file);
		List<byte[]> payloads = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < all.length; i++) {
			if (all[i] == '\n') {
				payloads.add(java.util.Arrays.copyOfRange(all, start, i));
				start = i + 1;
			}
		}
		return payloads;
	}

	private static long seaProduce(StreamUrl url, List<byte[]> payloads, int warm) throws Exception {
		Streamer streamer = SeaStreamer.connect(url.streamer(), ConnectOptions.defaults());
		Producer producer = streamer.createProducer(url.streamKey());
		ReceiptWindow window = new ReceiptWindow(IN_FLIGHT, MESSAGE_TIMEOUT_SECONDS);
		for (int i = 0; i < warm; i++) {
			window.add(producer.send(payloads.get(i % payloads.size())));
		}
		producer.flush().get(MESSAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		window.awaitAll();
		long start = System.nanoTime();
		for (byte[] payload : payloads) {
			window.add(producer.send(payload));
		}
		producer.flush().get(MESSAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		window.awaitAll();
		long elapsed = System.nanoTime() - start;
		producer.end().get(MESSAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		streamer.disconnect().get(MESSAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		return elapsed;
	}

	private static long seaConsume(StreamUrl url, int count, int warm) throws Exception {
		Streamer streamer = SeaStreamer.connect(url.streamer(), ConnectOptions.defaults());
		Consumer consumer = streamer.createConsumer(url.streamKeys(),
				ConsumerOptions.builder().mode(ConsumerMode.REAL_TIME).streamReset(StreamReset.EARLIEST).build());
		long bytes = 0;
		for (int i = 0; i < warm; i++) {
			bytes += next(consumer, i, warm + count).payloadSize();
		}
		long start = 0;
		for (int i = 0; i < count; i++) {
			Message message = next(consumer, warm + i, warm + count);
			if (i == 0) {
				start = System.nanoTime();
			}
			bytes += message.payloadSize();
		}
		long elapsed = System.nanoTime() - start;
		if (bytes <= 0 && count > 0) {
			throw new IllegalStateException("only empty payloads received");
		}
		consumer.close();
		streamer.disconnect().get(MESSAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		return elapsed;
	}

	private static Message next(Consumer consumer, int index, int total) throws Exception {
		try {
			return consumer.next().get(MESSAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("received " + index + " of " + total + " messages: "
					+ ((ex.getCause() != null) ? ex.getCause() : ex), ex);
		}
	}

	/**
	 * Write the lines a stdio producer prints, {@code [<ts> | <key> | <seq>] <payload>},
	 * the plain way: the timestamp formatted once, the sequence number per line.
	 */
	private static long rawWrite(String key, List<byte[]> payloads, int warm) throws IOException {
		List<String> lines = new ArrayList<>(payloads.size());
		for (byte[] payload : payloads) {
			lines.add(new String(payload, StandardCharsets.UTF_8));
		}
		String prefix = "[" + Timestamps.formatSeconds(Instant.now()) + " | " + key + " | ";
		BufferedWriter out = new BufferedWriter(
				new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
		long seq = 0;
		for (int i = 0; i < warm; i++) {
			writeLine(out, prefix, seq++, lines.get(i % lines.size()));
		}
		out.flush();
		long start = System.nanoTime();
		for (String line : lines) {
			writeLine(out, prefix, seq++, line);
		}
		out.flush();
		long elapsed = System.nanoTime() - start;
		out.close();
		return elapsed;
	}

	private static void writeLine(BufferedWriter out, String prefix, long seq, String payload) throws IOException {
		out.write(prefix);
		out.write(Long.toString(seq));
		out.write("] ");
		out.write(payload);
		out.write('\n');
	}

	private static long rawRead(int count, int warm) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
		long chars = 0;
		for (int i = 0; i < warm; i++) {
			chars += readLine(in, i, warm + count).length();
		}
		long start = 0;
		for (int i = 0; i < count; i++) {
			String line = readLine(in, warm + i, warm + count);
			if (i == 0) {
				start = System.nanoTime();
			}
			chars += line.length();
		}
		long elapsed = System.nanoTime() - start;
		if (chars <= 0 && count > 0) {
			throw new IllegalStateException("only empty lines received");
		}
		return elapsed;
	}

	private static String readLine(BufferedReader in, int index, int total) throws IOException {
		String line = in.readLine();
		if (line == null) {
			throw new IllegalStateException("input ended after " + index + " of " + total + " lines");
		}
		return line;
	}

}
