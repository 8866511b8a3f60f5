/**
 * The {@code pinwheel} command line: picocli commands that turn options into settings and call
 * one engine entry point each, the console (colour, quiet and verbose, progress), and the single
 * error boundary that maps pinwheel's exception family to exit statuses. This is the only module
 * that prints.
 */
package dev.pinwheel.cli;
