package io.github.seastreamer.file.format;

/**
 * What a writer or a verifying reader knows of one stream and shard: highest sequence,
 * highest timestamp and running checksum. Mutable; confined to one thread.
 */
public final class StreamState {

	long sequence;

	long timestampMs;

	int runningChecksum;

	/**
	 * Create a state.
	 * @param sequence the highest sequence number (unsigned)
	 * @param timestampMs the highest timestamp
	 * @param runningChecksum the running checksum
	 */
	public StreamState(long sequence, long timestampMs, int runningChecksum) {
		this.sequence = sequence;
		this.timestampMs = timestampMs;
		this.runningChecksum = runningChecksum;
	}

	void apply(long seq, long ts, int checksum) {
		if (Long.compareUnsigned(seq, this.sequence) > 0) {
			this.sequence = seq;
		}
		if (ts > this.timestampMs) {
			this.timestampMs = ts;
		}
		this.runningChecksum = Crc16.running(this.runningChecksum, checksum);
	}

	/**
	 * The highest sequence number.
	 * @return the sequence, unsigned
	 */
	public long sequence() {
		return this.sequence;
	}

	/**
	 * The highest timestamp.
	 * @return Unix milliseconds
	 */
	public long timestampMs() {
		return this.timestampMs;
	}

	/**
	 * The running checksum.
	 * @return the checksum
	 */
	public int runningChecksum() {
		return this.runningChecksum;
	}

	StreamState copy() {
		return new StreamState(this.sequence, this.timestampMs, this.runningChecksum);
	}

}
