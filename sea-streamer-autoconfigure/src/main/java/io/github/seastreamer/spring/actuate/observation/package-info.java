/**
 * Micrometer Observation around the sending and the handling of messages, with the trace
 * context carried in message attributes where the backend carries them.
 */
@NullMarked
package io.github.seastreamer.spring.actuate.observation;

import org.jspecify.annotations.NullMarked;
