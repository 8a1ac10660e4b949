/**
 * The examples of the guide in {@code docs/guide}: the notes contract ({@link
 * dev.parley.examples.guide.NotesApi}), its server ({@link dev.parley.examples.guide.NotesServer})
 * and its Java client ({@link dev.parley.examples.guide.NotesClient}). Every code block of the
 * guide is a marked region of these files (or of the tests beside them), compared with the page
 * by {@code GuideSnippetsTest}; the other tests of {@code dev.parley.examples.guide} check that each
 * example does what its page says.
 */
@NullMarked
package dev.parley.examples.guide;

import org.jspecify.annotations.NullMarked;
