package io.github.seastreamer.spring.actuate;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;

/**
 * A stand-in for a tracing bridge: on the start of a sender observation it injects a new
 * {@code traceparent} into the carrier (and remembers it in the context); on the start of
 * a receiver observation it extracts {@code traceparent} from the carrier into the
 * context's {@code remote-parent}.
 */
public class FakePropagation implements ObservationHandler<Observation.Context> {

	public static final String HEADER = "traceparent";

	public static final String REMOTE_PARENT = "remote-parent";

	private final AtomicInteger ids = new AtomicInteger();

	@Override
	@SuppressWarnings("unchecked")
	public void onStart(Observation.Context context) {
		if (context instanceof SenderContext<?> sender) {
			String id = "trace-" + this.ids.incrementAndGet();
			((SenderContext<Object>) sender).getSetter().set(sender.getCarrier(), HEADER, id);
			context.put(HEADER, id);
		}
		else if (context instanceof ReceiverContext<?> receiver) {
			Object carrier = receiver.getCarrier();
			String parent = (carrier != null) ? ((ReceiverContext<Object>) receiver).getGetter().get(carrier, HEADER)
					: null;
			context.put(REMOTE_PARENT, (parent != null) ? parent : "none");
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof SenderContext || context instanceof ReceiverContext;
	}

}
