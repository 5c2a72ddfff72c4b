package io.github.seastreamer.spring.actuate.observation;

import io.github.seastreamer.Message;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * The observation context of a message handled by a listener: its carrier is the message,
 * whose attributes a tracing handler reads to continue the producer's trace (where the
 * backend delivers attributes).
 * <p>
 * Created per message; not thread-safe, like every observation context.
 */
public class StreamProcessContext extends ReceiverContext<Message> {

	private final String listener;

	private final String streamer;

	private final String backend;

	private String outcome = "success";

	private @Nullable Defaults defaults;

	/**
	 * Create the context.
	 * @param message the message, the carrier
	 * @param listener the listener id
	 * @param streamer the streamer name
	 * @param backend the URI scheme of the streamer
	 */
	public StreamProcessContext(Message message, String listener, String streamer, String backend) {
		super((carrier, key) -> carrier.attributes().get(key));
		setCarrier(message);
		setRemoteServiceName(backend);
		this.listener = listener;
		this.streamer = streamer;
		this.backend = backend;
	}

	/**
	 * The message handled.
	 * @return the message
	 */
	public Message getMessage() {
		Message message = getCarrier();
		if (message == null) {
			throw new IllegalStateException("the context of listener '" + this.listener + "' has no message");
		}
		return message;
	}

	/**
	 * The listener id.
	 * @return the id
	 */
	public String getListener() {
		return this.listener;
	}

	/**
	 * The streamer name.
	 * @return the name
	 */
	public String getStreamer() {
		return this.streamer;
	}

	/**
	 * The backend, the URI scheme of the streamer (never the URI).
	 * @return the scheme
	 */
	public String getBackend() {
		return this.backend;
	}

	/**
	 * How handling ended: {@code success} or {@code failure}.
	 * @return the outcome
	 */
	public String getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how handling ended.
	 * @param outcome {@code success} or {@code failure}
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

	void setDefaults(Defaults defaults) {
		this.defaults = defaults;
	}

	/**
	 * What the default convention computes for this context, computed once per listener
	 * and stream instead of per message (key values are sorted on creation).
	 */
	@Nullable Defaults defaults() {
		return this.defaults;
	}

	/**
	 * The default convention's answers for one listener and stream.
	 *
	 * @param stream the stream name
	 * @param contextualName the contextual name
	 * @param success the key values of a success
	 * @param failure the key values of a failure
	 */
	record Defaults(String stream, String contextualName, KeyValues success, KeyValues failure) {

		static Defaults of(String listener, String streamer, String backend, String stream) {
			KeyValues base = KeyValues.of("streamer", streamer, "backend", backend, "stream", stream, "listener",
					listener);
			return new Defaults(stream, stream + " process", base.and("outcome", "success"),
					base.and("outcome", "failure"));
		}

	}

}
