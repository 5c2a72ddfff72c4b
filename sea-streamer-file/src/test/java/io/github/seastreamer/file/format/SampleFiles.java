package io.github.seastreamer.file.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.Random;

import io.github.seastreamer.StreamKey;

/**
 * Generated {@code .ss} files for tests.
 */
public final class SampleFiles {

	private SampleFiles() {
	}

	/**
	 * A file of several streams and shards, binary payloads of 0 to 300 bytes and a few
	 * larger than the interval, ending with End-of-Stream.
	 * @param messages how many messages
	 * @param interval the beacon interval
	 * @param seed the random seed
	 * @return the bytes
	 */
	public static byte[] mixed(int messages, int interval, long seed) {
		Random random = new Random(seed);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			SsWriter writer = SsWriter.create(Channels.newChannel(out),
					new SsHeader("mixed.ss", 1700000000000L, interval), 4096);
			StreamShard[] streams = { new StreamShard(StreamKey.of("alpha"), 0),
					new StreamShard(StreamKey.of("beta"), 2), new StreamShard(StreamKey.of("beta"), 7),
					new StreamShard(StreamKey.of("gamma.long-name_x"), 0) };
			long[] seqs = new long[streams.length];
			for (int i = 0; i < messages; i++) {
				int s = random.nextInt(streams.length);
				int size = (i % 37 == 5) ? interval + random.nextInt(2 * interval) : random.nextInt(300);
				byte[] payload = new byte[size];
				random.nextBytes(payload);
				writer.write(streams[s], ++seqs[s], 1700000000000L + i * 3L, payload, 0, payload.length);
			}
			writer.writeEndOfStream(1700000000000L + messages * 3L);
			writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
