package io.github.seastreamer.file.format;

import io.github.seastreamer.BackendException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code .ss} file is damaged or is not a {@code .ss} file: the message names the file
 * offset and what is wrong, such as
 * {@code checksum mismatch at offset 4242: frame of `hello`/0 seq 7: received 0x1234, computed 0x5678}.
 *
 * <p>
 * {@link #isTruncated()} tells a file that merely ends early (a tail still being written,
 * or cut short) from one whose bytes contradict the format.
 */
public class SsFormatException extends BackendException {

	private static final long serialVersionUID = 1L;

	private final long offset;

	private final String problem;

	private final boolean truncated;

	/**
	 * Create the error.
	 * @param offset the file offset where the damage was found, or -1 if none applies
	 * @param problem what is wrong
	 * @param truncated whether the data merely ends early
	 * @param cause the underlying failure
	 */
	public SsFormatException(long offset, String problem, boolean truncated, @Nullable Throwable cause) {
		super("file", (offset >= 0) ? problem.replace("{offset}", Long.toString(offset)) : problem, cause, false);
		this.offset = offset;
		this.problem = problem.replace("{offset}", Long.toString(offset));
		this.truncated = truncated;
	}

	/**
	 * Create a damage error.
	 * @param offset the file offset of the damage
	 * @param problem what is wrong; {@code {offset}} is replaced by the offset
	 */
	public SsFormatException(long offset, String problem) {
		this(offset, problem, false, null);
	}

	/**
	 * The file offset where the problem was found, or -1.
	 * @return the offset
	 */
	public long offset() {
		return this.offset;
	}

	/**
	 * What is wrong, without the backend prefix.
	 * @return the problem
	 */
	public String problem() {
		return this.problem;
	}

	/**
	 * Whether the data merely ends before a record is complete.
	 * @return {@code true} for a truncated tail
	 */
	public boolean isTruncated() {
		return this.truncated;
	}

}
