/**
 * Test support shared by the modules' tests: a local package index served over HTTP from wheels
 * and sdists the tests build, and golden-file comparison with one flag to update.
 */
package dev.pinwheel.testkit;
