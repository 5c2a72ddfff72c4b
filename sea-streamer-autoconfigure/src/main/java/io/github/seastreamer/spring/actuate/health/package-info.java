/**
 * Health contributors of SeaStreamer streamers and listeners.
 */
@NullMarked
package io.github.seastreamer.spring.actuate.health;

import org.jspecify.annotations.NullMarked;
