package io.github.seastreamer.spring.actuate.observation;

import java.util.Map;

import io.micrometer.observation.transport.SenderContext;

/**
 * The observation context of a message sent through the stream template: its carrier is
 * the message's attribute map, where a tracing handler injects the trace context (sent as
 * Kafka headers or Redis fields where the backend carries attributes).
 * <p>
 * Created per send; not thread-safe, like every observation context.
 */
public class StreamSendContext extends SenderContext<Map<String, String>> {

	private final String streamer;

	private final String backend;

	private final String stream;

	/**
	 * Create the context.
	 * @param streamer the streamer name
	 * @param backend the URI scheme of the streamer
	 * @param stream the stream name
	 * @param attributes the mutable attributes of the message, the carrier
	 */
	public StreamSendContext(String streamer, String backend, String stream, Map<String, String> attributes) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		this.streamer = streamer;
		this.backend = backend;
		this.stream = stream;
		setCarrier(attributes);
		setRemoteServiceName(backend);
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
	 * The stream sent to.
	 * @return the stream name
	 */
	public String getStream() {
		return this.stream;
	}

}
