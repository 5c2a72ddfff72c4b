package io.github.seastreamer.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.seastreamer.UriMasking;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The data behind the page at {@code /}: a JSON snapshot at {@code /candles}, and the
 * same snapshot pushed every half second as a server-sent event named {@code snapshot} at
 * {@code /candles/stream}.
 * <p>
 * Snapshots are pushed from Spring's scheduler thread; a client that went away is dropped
 * at the next push. Each emitter times out after five minutes, and the browser's
 * {@code EventSource} reconnects by itself.
 */
@RestController
class DashboardController {

	private static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(5);

	private final CandleBoard board;

	private final ListenerActivity activity;

	private final TradeGenerator generator;

	private final String backend;

	private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	DashboardController(CandleBoard board, ListenerActivity activity, TradeGenerator generator,
			@Value("${seastreamer.uri:}") String uri) {
		this.board = board;
		this.activity = activity;
		this.generator = generator;
		this.backend = UriMasking.mask(uri);
	}

	@GetMapping(path = "/candles", produces = MediaType.APPLICATION_JSON_VALUE)
	Dashboard snapshot() {
		return new Dashboard(this.backend, System.currentTimeMillis(), this.generator.sent(), this.generator.failed(),
				this.board.received(), this.board.latest(), this.activity.stats());
	}

	@GetMapping(path = "/candles/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		push(emitter, snapshot());
		return emitter;
	}

	@Scheduled(fixedRate = 500)
	void broadcast() {
		if (this.emitters.isEmpty()) {
			return;
		}
		Dashboard snapshot = snapshot();
		for (SseEmitter emitter : this.emitters) {
			push(emitter, snapshot);
		}
	}

	/**
	 * Close every event stream when the application shuts down, so that the web server's
	 * graceful shutdown does not wait for open streams (the browser reconnects to the
	 * next instance by itself).
	 */
	@EventListener(ContextClosedEvent.class)
	void closeStreams() {
		for (SseEmitter emitter : this.emitters) {
			this.emitters.remove(emitter);
			emitter.complete();
		}
	}

	private void push(SseEmitter emitter, Dashboard snapshot) {
		try {
			emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away: forget it, the browser reconnects if it is still
			// there
			this.emitters.remove(emitter);
			emitter.completeWithError(ex);
		}
	}

	/**
	 * What the page shows.
	 *
	 * @param backend the masked URI of the default streamer
	 * @param time when the snapshot was taken, in milliseconds since the epoch
	 * @param tradesSent trades the backend accepted
	 * @param tradesFailed trades the backend refused
	 * @param candlesReceived candles the sink received
	 * @param candles the latest candle of each symbol
	 * @param listeners the figures of each listener
	 */
	record Dashboard(String backend, long time, long tradesSent, long tradesFailed, long candlesReceived,
			List<Candle> candles, List<ListenerActivity.ListenerStats> listeners) {
	}

}
