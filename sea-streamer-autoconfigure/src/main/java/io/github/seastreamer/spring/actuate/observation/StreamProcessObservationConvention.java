package io.github.seastreamer.spring.actuate.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a listener handling a message; define a bean to
 * replace {@link DefaultStreamProcessObservationConvention}.
 */
public interface StreamProcessObservationConvention extends ObservationConvention<StreamProcessContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof StreamProcessContext;
	}

}
