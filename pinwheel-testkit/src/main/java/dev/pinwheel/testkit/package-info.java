/**
 * Test support shared by the modules' tests: a local package index served over HTTP
 * ({@link dev.pinwheel.testkit.TestIndex}) from wheels and sdists the tests build
 * ({@link dev.pinwheel.testkit.WheelBuilder}, {@link dev.pinwheel.testkit.SdistBuilder}, both
 * giving a {@link dev.pinwheel.testkit.Dist}), and golden-file comparison with one flag to update
 * ({@link dev.pinwheel.testkit.Golden}).
 */
package dev.pinwheel.testkit;
