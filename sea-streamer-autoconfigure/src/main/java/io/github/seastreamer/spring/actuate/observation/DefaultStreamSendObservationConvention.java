package io.github.seastreamer.spring.actuate.observation;

import io.micrometer.common.KeyValues;

/**
 * The default convention of a send: name {@code seastreamer.send}, contextual name
 * {@code <stream> send}, low-cardinality keys {@code streamer}, {@code backend},
 * {@code stream} (never message ids). Stateless and thread-safe.
 */
public class DefaultStreamSendObservationConvention implements StreamSendObservationConvention {

	/** The shared instance. */
	public static final DefaultStreamSendObservationConvention INSTANCE = new DefaultStreamSendObservationConvention();

	@Override
	public String getName() {
		return "seastreamer.send";
	}

	@Override
	public String getContextualName(StreamSendContext context) {
		return context.getStream() + " send";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(StreamSendContext context) {
		return KeyValues.of("streamer", context.getStreamer(), "backend", context.getBackend(), "stream",
				context.getStream());
	}

}
