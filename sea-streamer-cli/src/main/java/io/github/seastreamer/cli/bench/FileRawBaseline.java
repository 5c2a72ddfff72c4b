package io.github.seastreamer.cli.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.github.seastreamer.StreamUrl;

/**
 * The raw baseline of the file backend: plain buffered Java I/O of the same payloads, as
 * length-prefixed records ({@code u32 size, bytes}) written through a
 * {@link BufferedOutputStream} and read back through a {@link BufferedInputStream}, with
 * 1 MiB buffers and no fsync (the file producer's flush hands bytes to the OS without
 * fsync too). The records go to a file beside the bench's {@code .ss} file named after
 * the phase's stream key, deleted after {@link #consume}.
 *
 * <p>
 * Not thread-safe: the bench calls it from one thread.
 */
public final class FileRawBaseline implements RawBaseline {

	private static final int BUFFER = 1 << 20;

	@Override
	public Set<String> schemes() {
		return Set.of("file");
	}

	static Path recordsFile(StreamUrl url) {
		String node = url.streamer().firstNode().withoutScheme();
		while (node.length() > 1 && node.endsWith("/")) {
			node = node.substring(0, node.length() - 1);
		}
		Path ss = Path.of(node);
		return ss.resolveSibling(ss.getFileName() + "." + url.streamKey().name() + ".raw");
	}

	@Override
	public long produce(StreamUrl url, List<byte[]> payloads) throws IOException {
		Path file = recordsFile(url);
		long start = System.nanoTime();
		try (DataOutputStream out = new DataOutputStream(
				new BufferedOutputStream(Files.newOutputStream(file), BUFFER))) {
			for (byte[] payload : payloads) {
				out.writeInt(payload.length);
				out.write(payload);
			}
			out.flush();
		}
		return System.nanoTime() - start;
	}

	@Override
	public long consume(StreamUrl url, int count) throws IOException {
		Path file = recordsFile(url);
		try {
			long start = System.nanoTime();
			long bytes = 0;
			try (DataInputStream in = new DataInputStream(
					new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
				for (int i = 0; i < count; i++) {
					byte[] payload = new byte[in.readInt()];
					in.readFully(payload);
					bytes += payload.length;
				}
			}
			catch (EOFException ex) {
				throw new IOException("the raw file " + file + " ended before " + count + " records", ex);
			}
			long elapsed = System.nanoTime() - start;
			if (bytes < 0) {
				throw new IllegalStateException("unreachable");
			}
			return elapsed;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

}
