/**
 * Spring-facing SeaStreamer components: named streamers, the producer template, payload
 * conversion and option customizers.
 */
@NullMarked
package io.github.seastreamer.spring.core;

import org.jspecify.annotations.NullMarked;
