package io.github.seastreamer.spring.actuate.observation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.seastreamer.Capability;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.Acknowledgement;
import io.github.seastreamer.spring.listener.ListenerEndpoint;
import io.github.seastreamer.spring.listener.ListenerHandlerDecorator;
import io.github.seastreamer.spring.listener.MessageHandler;
import io.github.seastreamer.spring.listener.SendToScope;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer observations of SeaStreamer: each message a listener handles is observed
 * ({@code seastreamer.process}, a {@link StreamProcessContext} whose carrier is the
 * message, so a tracing handler continues the trace found in its attributes), and each
 * send through the stream template ({@code seastreamer.send}, a {@link StreamSendContext}
 * whose carrier is the message's attributes, sent along where the streamer has
 * {@link Capability#ATTRIBUTES}).
 * <p>
 * As a {@link ListenerHandlerDecorator}, it wraps each listener's handler outside its
 * retries: one observation per message, ended when the handler returns, throws, or its
 * returned stage completes; the handler runs inside the observation's scope, so sends
 * made by the handler are its children. For a listener with {@code @SendTo}, the
 * observation ends once the result's send is issued, and the container issues it in the
 * observation's scope (see {@link SendToScope}): the send is a child too, as if the
 * handler had made it. Tags are bounded: streamer, backend, stream, listener, outcome.
 * Thread-safe.
 */
public class SeaStreamerObservations implements ListenerHandlerDecorator {

	private final ObservationRegistry registry;

	private final Streamers streamers;

	private final @Nullable StreamProcessObservationConvention processConvention;

	private final @Nullable StreamSendObservationConvention sendConvention;

	/**
	 * Create the observations.
	 * @param registry the observation registry
	 * @param streamers the streamers (for the backend key and whether they carry
	 * attributes)
	 * @param processConvention a convention replacing the default one of handling, if any
	 * @param sendConvention a convention replacing the default one of sending, if any
	 */
	public SeaStreamerObservations(ObservationRegistry registry, Streamers streamers,
			@Nullable StreamProcessObservationConvention processConvention,
			@Nullable StreamSendObservationConvention sendConvention) {
		this.registry = registry;
		this.streamers = streamers;
		this.processConvention = processConvention;
		this.sendConvention = sendConvention;
	}

	@Override
	public MessageHandler decorate(ListenerEndpoint endpoint, MessageHandler handler) {
		String streamer = name(endpoint.streamerName());
		return new ObservingHandler(handler, endpoint.id(), streamer, backend(streamer), endpoint.sendTo() != null);
	}

	/**
	 * Observe a send: start the observation (a tracing handler then injects the context
	 * into a copy of the attributes), call {@code send} in its scope with those
	 * attributes (the original ones if the streamer does not carry attributes), and stop
	 * it when the receipt completes.
	 * @param streamer the streamer name (empty for the default)
	 * @param stream the stream
	 * @param attributes the attributes the caller gave
	 * @param send sends with the given attributes; must not block
	 * @return the receipt of {@code send}
	 */
	public CompletableFuture<MessageHeader> observeSend(String streamer, StreamKey stream,
			Map<String, String> attributes, Function<Map<String, String>, CompletableFuture<MessageHeader>> send) {
		String name = name(streamer);
		boolean carried = this.streamers.contains(name)
				&& this.streamers.get(name).capabilities().contains(Capability.ATTRIBUTES);
		Map<String, String> carrier = new LinkedHashMap<>(attributes);
		StreamSendContext context = new StreamSendContext(name, backend(name), stream.name(), carrier);
		Observation observation = Observation
			.createNotStarted(this.sendConvention, DefaultStreamSendObservationConvention.INSTANCE, () -> context,
					this.registry)
			.start();
		CompletableFuture<MessageHeader> receipt;
		boolean failed = false;
		Observation.Scope scope = observation.openScope();
		try {
			receipt = send.apply(carried ? carrier : attributes);
		}
		catch (RuntimeException ex) {
			failed = true;
			observation.error(ex);
			throw ex;
		}
		finally {
			scope.close();
			if (failed) {
				observation.stop();
			}
		}
		receipt.whenComplete((header, error) -> {
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		});
		return receipt;
	}

	/**
	 * Stop a handling's observation, tagged with outcome {@code failure} if it failed.
	 */
	private static void stop(Observation observation, StreamProcessContext context, @Nullable Throwable error) {
		if (error != null) {
			context.setOutcome("failure");
			observation.error(error);
		}
		observation.stop();
	}

	private static String name(String streamer) {
		return streamer.isEmpty() ? Streamers.DEFAULT : streamer;
	}

	private String backend(String streamer) {
		return this.streamers.contains(streamer) ? this.streamers.get(streamer).uri().protocol().orElse("unknown")
				: "unknown";
	}

	/**
	 * A handler observed per message.
	 */
	private final class ObservingHandler implements MessageHandler {

		private final MessageHandler delegate;

		private final String listener;

		private final String streamer;

		private final String backend;

		/** The defaults of the last stream: most listeners read one stream. */
		private volatile StreamProcessContext.@Nullable Defaults last;

		/**
		 * Whether the endpoint sends its results on ({@code @SendTo}): the observation
		 * then ends once the send is issued, in its scope, so that the send is its child.
		 */
		private final boolean sendsResults;

		ObservingHandler(MessageHandler delegate, String listener, String streamer, String backend,
				boolean sendsResults) {
			this.delegate = delegate;
			this.listener = listener;
			this.streamer = streamer;
			this.backend = backend;
			this.sendsResults = sendsResults;
		}

		@Override
		public @Nullable Object handle(Message message, Acknowledgement acknowledgement) throws Exception {
			StreamProcessContext context = new StreamProcessContext(message, this.listener, this.streamer,
					this.backend);
			String stream = message.streamKey().name();
			StreamProcessContext.Defaults defaults = this.last;
			if (defaults == null || !defaults.stream().equals(stream)) {
				defaults = StreamProcessContext.Defaults.of(this.listener, this.streamer, this.backend, stream);
				this.last = defaults;
			}
			context.setDefaults(defaults);
			Observation observation = Observation
				.createNotStarted(SeaStreamerObservations.this.processConvention,
						DefaultStreamProcessObservationConvention.INSTANCE, () -> context,
						SeaStreamerObservations.this.registry)
				.start();
			Object result;
			boolean failed = false;
			Observation.Scope scope = observation.openScope();
			try {
				result = this.delegate.handle(message, acknowledgement);
			}
			catch (Exception | Error ex) {
				failed = true;
				context.setOutcome("failure");
				observation.error(ex);
				throw ex;
			}
			finally {
				scope.close();
				if (failed) {
					observation.stop();
				}
			}
			if (this.sendsResults) {
				// the container sends the result in the observation's scope, or ends it
				SendToScope.offer(new ObservedSendTo(observation, context));
				return result;
			}
			if (result instanceof CompletionStage<?> stage) {
				return stage.whenComplete((value, error) -> stop(observation, context, error));
			}
			observation.stop();
			return result;
		}

		@Override
		public String toString() {
			return "Observed(" + this.delegate + ")";
		}

	}

	/**
	 * The observation of a handling whose result is sent on: the send is issued in its
	 * scope, then it stops (once).
	 */
	private static final class ObservedSendTo implements SendToScope {

		private final Observation observation;

		private final StreamProcessContext context;

		private final AtomicBoolean ended = new AtomicBoolean();

		ObservedSendTo(Observation observation, StreamProcessContext context) {
			this.observation = observation;
			this.context = context;
		}

		@Override
		public <T> T send(Supplier<T> send) {
			Throwable failure = null;
			Observation.Scope scope = this.observation.openScope();
			try {
				return send.get();
			}
			catch (RuntimeException | Error ex) {
				failure = ex;
				throw ex;
			}
			finally {
				scope.close();
				end(failure);
			}
		}

		@Override
		public void end(@Nullable Throwable error) {
			if (this.ended.compareAndSet(false, true)) {
				stop(this.observation, this.context, error);
			}
		}

	}

}
