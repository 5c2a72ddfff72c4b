package io.github.seastreamer.spring.actuate.observation;

import io.micrometer.common.KeyValues;

/**
 * The default convention of a listener handling a message: name
 * {@code seastreamer.process}, contextual name {@code <stream> process}, low-cardinality
 * keys {@code streamer}, {@code backend}, {@code stream}, {@code listener} and
 * {@code outcome} ({@code success} or {@code failure}); never message ids. Stateless and
 * thread-safe.
 */
public class DefaultStreamProcessObservationConvention implements StreamProcessObservationConvention {

	/** The shared instance. */
	public static final DefaultStreamProcessObservationConvention INSTANCE = new DefaultStreamProcessObservationConvention();

	@Override
	public String getName() {
		return "seastreamer.process";
	}

	@Override
	public String getContextualName(StreamProcessContext context) {
		StreamProcessContext.Defaults defaults = context.defaults();
		return (defaults != null) ? defaults.contextualName() : context.getMessage().streamKey().name() + " process";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(StreamProcessContext context) {
		StreamProcessContext.Defaults defaults = context.defaults();
		if (defaults != null) {
			switch (context.getOutcome()) {
				case "success":
					return defaults.success();
				case "failure":
					return defaults.failure();
				default:
					break;
			}
		}
		return KeyValues.of("streamer", context.getStreamer(), "backend", context.getBackend(), "stream",
				context.getMessage().streamKey().name(), "listener", context.getListener(), "outcome",
				context.getOutcome());
	}

}
