/**
 * The {@code @StreamListener} and {@code @SendTo} annotations and the post-processor that
 * turns annotated methods into listener endpoints.
 */
@NullMarked
package io.github.seastreamer.spring.annotation;

import org.jspecify.annotations.NullMarked;
