package io.github.seastreamer.stdio;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A standard input for tests: bytes are fed by the test and read by the stdio reader,
 * which blocks until there are some, exactly as on a pipe; {@link #end()} is end of
 * input.
 */
final class ScriptedInput extends InputStream {

	private static final byte[] END = new byte[0];

	private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

	private byte[] current = new byte[0];

	private int position;

	private boolean ended;

	/**
	 * Feed text, as UTF-8.
	 * @param text the text
	 * @return this input
	 */
	ScriptedInput feed(String text) {
		return feed(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Feed bytes.
	 * @param bytes the bytes
	 * @return this input
	 */
	ScriptedInput feed(byte[] bytes) {
		if (bytes.length > 0) {
			this.chunks.add(bytes.clone());
		}
		return this;
	}

	/**
	 * Feed bytes one read at a time, so lines reach the reader split at every byte.
	 * @param text the text, as UTF-8
	 * @return this input
	 */
	ScriptedInput feedByteByByte(String text) {
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			this.chunks.add(new byte[] { b });
		}
		return this;
	}

	/**
	 * End of input, after what was fed.
	 */
	void end() {
		this.chunks.add(END);
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xFF);
	}

	@Override
	public int read(byte[] target, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		while (this.position == this.current.length) {
			if (this.ended) {
				return -1;
			}
			try {
				byte[] next = this.chunks.take();
				if (next == END) {
					this.ended = true;
					return -1;
				}
				this.current = next;
				this.position = 0;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return -1;
			}
		}
		int count = Math.min(length, this.current.length - this.position);
		System.arraycopy(this.current, this.position, target, offset, count);
		this.position += count;
		return count;
	}

}
