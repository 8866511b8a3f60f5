/**
 * Python environments: interpreters and their tags, PEP 405 virtualenvs, installed
 * distributions, the wheel installer and uninstaller, the sync planner and the PEP 517 frontend.
 *
 * <p>Traps handled here:
 * <ul>
 *   <li>Interpreters are asked once (a shipped script run with {@code -I}, so {@code PYTHONPATH} and
 *       the user site cannot change the answer) and the answer is cached by path and binary mtime;
 *       pyenv shims are fine because {@code sys.executable} names the real interpreter.</li>
 *   <li>A venv made from an interpreter inside another venv points at the base interpreter
 *       ({@code sys._base_executable}), like {@code python -m venv}; {@code pyvenv.cfg} is written
 *       before the {@code bin/python} link exists.</li>
 *   <li>Only virtualenvs are changed: a base interpreter is refused as a target.</li>
 * </ul>
 */
package dev.pinwheel.env;
