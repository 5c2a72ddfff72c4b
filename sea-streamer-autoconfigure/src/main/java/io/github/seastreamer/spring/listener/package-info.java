/**
 * Listener containers: one consumer read loop, a bounded handler executor, background
 * commits, pause/resume and graceful shutdown per {@code @StreamListener} method.
 */
@NullMarked
package io.github.seastreamer.spring.listener;

import org.jspecify.annotations.NullMarked;
