/** Benchmarks that print figures measured side by side in one run (core mesh and bridge; not unit tests). */
package org.motormesh.app.bench;
