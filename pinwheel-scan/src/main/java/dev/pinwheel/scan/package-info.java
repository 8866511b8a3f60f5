/**
 * What a project's code needs: a Python import scanner that strings, comments and
 * continuations do not fool, standard-library lists per Python version, the mapping from import
 * names to distributions, and the evidence for needs the code never imports (database drivers,
 * servers, migration tools).
 */
package dev.pinwheel.scan;
