/** Benchmarks that print figures measured side by side in one run (not unit tests). */
package org.motormesh.bench;
