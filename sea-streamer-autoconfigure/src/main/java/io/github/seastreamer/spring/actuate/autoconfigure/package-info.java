/**
 * Auto-configuration of the operations layer: retries and dead-letter streams, metrics,
 * health and the actuator endpoint.
 */
@NullMarked
package io.github.seastreamer.spring.actuate.autoconfigure;

import org.jspecify.annotations.NullMarked;
