package io.github.seastreamer.spring.actuate.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a send; define a bean to replace
 * {@link DefaultStreamSendObservationConvention}.
 */
public interface StreamSendObservationConvention extends ObservationConvention<StreamSendContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof StreamSendContext;
	}

}
