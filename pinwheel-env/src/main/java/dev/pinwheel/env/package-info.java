/**
 * Python environments: interpreters and their tags, PEP 405 virtualenvs, installed
 * distributions, the wheel installer and uninstaller, the sync planner and the PEP 517 frontend.
 *
 * <p>Entry points: {@link dev.pinwheel.env.EnvironmentFinder} (which interpreter / venv a command
 * acts on), {@link dev.pinwheel.env.Interpreters} and {@link dev.pinwheel.env.Interpreter}
 * (markers, {@code targetPython()} for tags), {@link dev.pinwheel.env.VenvCreator},
 * {@link dev.pinwheel.env.SitePackages} / {@link dev.pinwheel.env.InstalledDistribution},
 * {@link dev.pinwheel.env.WheelCache} + {@link dev.pinwheel.env.WheelInstaller} +
 * {@link dev.pinwheel.env.Uninstaller}, {@link dev.pinwheel.env.Syncer} (with
 * {@link dev.pinwheel.env.SyncPlanner} and {@link dev.pinwheel.env.LockFiles}), and
 * {@link dev.pinwheel.env.BuildFrontend}.
 *
 * <p>Traps handled here:
 * <ul>
 *   <li>Interpreters are asked once (a shipped script run with {@code -I}, so {@code PYTHONPATH} and
 *       the user site cannot change the answer) and the answer is cached by path and binary mtime;
 *       pyenv shims are fine because {@code sys.executable} names the real interpreter.</li>
 *   <li>A venv made from an interpreter inside another venv points at the base interpreter
 *       ({@code sys._base_executable}), like {@code python -m venv}; {@code pyvenv.cfg} is written
 *       before the {@code bin/python} link exists. Only virtualenvs are changed: a base
 *       interpreter is refused as a sync target.</li>
 *   <li>Wheels: names and versions come from METADATA, not from (unnormalized) directory names;
 *       zip entries with absolute paths, {@code ..} or links leaving the archive are refused; the
 *       archive's SHA-256 is what is verified (against the index and the lock), while RECORD's
 *       per-file digests are copied, not recomputed, as pip and uv do (files RECORD does not hash
 *       are hashed); the Unix mode comes from the central directory (executable bits, symlinks),
 *       which {@code java.util.zip} hides.</li>
 *   <li>Wheels from an index are unpacked while they download ({@link dev.pinwheel.env.ZipStream}):
 *       the local entries are read front to back, and the central directory that follows must list
 *       exactly those entries at their offsets (the central directory is what pip, uv and
 *       {@code ZipFile} go by, so an archive whose local headers tell another story is read from a
 *       file instead); the staged tree becomes a cache entry only after the whole archive matched
 *       the index's and the lock's hashes, which reading its last byte checks.</li>
 *   <li>{@code #!python} / {@code #!pythonw} script shebangs are rewritten; interpreter paths over
 *       127 bytes or with spaces get pip's {@code /bin/sh} trampoline; headers go to
 *       {@code include/site/pythonX.Y/<name>} as pip puts them in venvs.</li>
 *   <li>Crash safety: an intent journal precedes every install and removal, the dist-info
 *       directory is renamed into place last, and the next sync (under the environment lock)
 *       rolls a half install back or finishes a half removal; tested by SIGKILLing real syncs.</li>
 *   <li>Uninstall deletes only RECORD's paths inside the environment, plus the bytecode Python
 *       cached for them, and prunes emptied directories below the scheme directories.</li>
 *   <li>Sync: pins are checked across files (a different pin is an error naming both lines); with
 *       any {@code --hash} every pin needs one; URL and editable pins compare with
 *       {@code direct_url.json}; removals run before installs so pruning never races a new
 *       namespace directory.</li>
 * </ul>
 */
package dev.pinwheel.env;
