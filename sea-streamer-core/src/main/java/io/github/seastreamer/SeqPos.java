package io.github.seastreamer;

/**
 * A position to rewind a consumer to: the beginning, the end, or a sequence number.
 *
 * <p>
 * How {@link At} is read depends on the backend: Kafka offset n (inclusive), Redis
 * entries after the packed id n (exclusive), file the first message with sequence at
 * least n.
 */
public sealed interface SeqPos {

	/** The beginning of every subscribed stream. */
	SeqPos BEGINNING = new Beginning();

	/** The end of every subscribed stream: only messages produced later are delivered. */
	SeqPos END = new End();

	/**
	 * A sequence number.
	 * @param sequence the sequence number, unsigned
	 * @return the position
	 */
	static SeqPos at(long sequence) {
		return new At(sequence);
	}

	/** The beginning. */
	record Beginning() implements SeqPos {

	}

	/** The end. */
	record End() implements SeqPos {

	}

	/**
	 * A sequence number.
	 *
	 * @param sequence the sequence number, unsigned
	 */
	record At(long sequence) implements SeqPos {

	}

}
