/**
 * Node status for dashboards: each node publishes a small JSON report on {@code $mesh/status/<name>} a few
 * times a second, only while some peer subscribes to that prefix, so a mesh without a dashboard pays nothing.
 */
package org.motormesh.status;
