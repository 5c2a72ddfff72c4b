/**
 * Micrometer meters of SeaStreamer listeners.
 */
@NullMarked
package io.github.seastreamer.spring.actuate.metrics;

import org.jspecify.annotations.NullMarked;
