package io.github.seastreamer.spring.listener;

/**
 * The life cycle of a {@link ListenerContainer}. <pre>
 * CREATED ─start→ STARTING → RUNNING ⇄ PAUSED
 *                               │  stop
 *                               ↓
 *                            STOPPING → STOPPED ─start→ STARTING …
 * any state ─(consumer or error handler failure)→ FAILED ─start→ STARTING …
 * </pre>
 */
public enum ContainerState {

	/** Created, never started. */
	CREATED,

	/** Creating its consumer. */
	STARTING,

	/** Reading and handling messages. */
	RUNNING,

	/** Not reading; in-flight handlers may still complete and be committed. */
	PAUSED,

	/** Stopped reading; waiting for in-flight handlers, then committing. */
	STOPPING,

	/** Stopped on request or because its streams ended. */
	STOPPED,

	/** Stopped because its consumer or its error handler failed. */
	FAILED;

	/**
	 * Whether a container in this state holds a consumer.
	 * @return {@code true} for starting, running, paused and stopping
	 */
	public boolean isActive() {
		return this == STARTING || this == RUNNING || this == PAUSED || this == STOPPING;
	}

}
