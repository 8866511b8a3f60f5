/**
 * The top-level list kept and checked: {@code pinwheel init}, {@code add}, {@code remove},
 * {@code upgrade} and {@code check} (workflows W5, W8-W12). {@link dev.pinwheel.cli.deps.Layout}
 * finds a project's {@code requirements/*.in} and {@code .txt} pairs in dependency order;
 * {@link dev.pinwheel.cli.deps.IntentEdit} edits intents as text;
 * {@link dev.pinwheel.cli.deps.Relocker} recompiles (through the compile engine, over staged
 * files) and writes only when every compile succeeded; {@link dev.pinwheel.cli.deps.Checker}
 * holds check's rules; {@link dev.pinwheel.cli.deps.InitFiles} renders the first intents from
 * {@code reqs}' scan, {@code chill}'s result or the guide's template.
 *
 * <p>Traps handled: an edit keeps every comment (trailing ones too, any language), blank line,
 * option and the order, and matches names in PEP 503 form ({@code add Uvicorn} replaces
 * {@code uvicorn[standard]}'s line); a name lives in one intent ({@code add --dev X} moves it out
 * of base.in); {@code dev.in}'s {@code -r base.in} and {@code -c base.txt} order the compiles, so
 * dev sees base's new intent and lock before either is written; a lock is recompiled with the
 * options of its header ({@code --generate-hashes} survives an add); a failed compile writes
 * nothing, a failed sync puts every file back; check reads both annotation styles to find pins
 * that only a removed requirement brought in, and ignores requirements whose markers may exclude
 * them from the lock's target.
 */
package dev.pinwheel.cli.deps;
