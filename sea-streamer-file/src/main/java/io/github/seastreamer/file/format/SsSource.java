package io.github.seastreamer.file.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional read access to the bytes of a {@code .ss} file, which may grow while it is
 * read. The codec reads through this interface and never opens or closes files.
 *
 * <p>
 * Implementations must allow reads from one thread at a time.
 */
public interface SsSource {

	/**
	 * Read bytes at a position.
	 * @param position the file offset
	 * @param dst where to put them
	 * @param offset where in {@code dst}
	 * @param length the most bytes to read
	 * @return how many bytes were read, -1 at the end of the data
	 * @throws IOException on a read failure
	 */
	int read(long position, byte[] dst, int offset, int length) throws IOException;

	/**
	 * The current size of the data.
	 * @return the size in bytes
	 * @throws IOException on failure
	 */
	long size() throws IOException;

	/**
	 * A source over a file channel (positional reads, the channel's position is not used;
	 * at most 256 KiB per read, through a pooled direct buffer).
	 * @param channel the channel, owned by the caller
	 * @return the source
	 */
	static SsSource of(FileChannel channel) {
		return new SsSource() {
			@Override
			public int read(long position, byte[] dst, int offset, int length) throws IOException {
				// through a pooled direct buffer: what the JDK does with a heap buffer,
				// without fresh memory for every new reader thread
				ByteBuffer buffer = DirectBuffers.take(DirectBuffers.READ);
				try {
					buffer.limit(Math.min(length, buffer.capacity()));
					int n = channel.read(buffer, position);
					if (n > 0) {
						buffer.flip();
						buffer.get(dst, offset, n);
					}
					return n;
				}
				finally {
					DirectBuffers.give(buffer);
				}
			}

			@Override
			public long size() throws IOException {
				return channel.size();
			}
		};
	}

	/**
	 * A source over bytes in memory.
	 * @param data the bytes (not copied)
	 * @return the source
	 */
	static SsSource of(byte[] data) {
		return of(data, data.length, Integer.MAX_VALUE);
	}

	/**
	 * A source over a prefix of bytes in memory that returns at most {@code maxChunk}
	 * bytes per read (to exercise readers with short reads).
	 * @param data the bytes (not copied)
	 * @param length how many of them are visible
	 * @param maxChunk the most bytes per read, at least 1
	 * @return the source
	 */
	static SsSource of(byte[] data, int length, int maxChunk) {
		return new SsSource() {
			@Override
			public int read(long position, byte[] dst, int offset, int len) {
				if (position >= length) {
					return -1;
				}
				int n = (int) Math.min(Math.min(len, maxChunk), length - position);
				System.arraycopy(data, (int) position, dst, offset, n);
				return n;
			}

			@Override
			public long size() {
				return length;
			}
		};
	}

}
