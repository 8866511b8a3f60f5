/**
 * What a project's code needs ({@code pinwheel reqs}, {@link dev.pinwheel.scan.ReqsScanner}) and
 * what an environment was asked for ({@code pinwheel chill}, {@link dev.pinwheel.scan.Chill}).
 *
 * <p>Traps handled, each where pipreqs or pip-chill trip:
 * <ul>
 *   <li>Imports come from a real tokenizer ({@code PythonTokenizer}): strings of every prefix,
 *       triple quotes, f-strings with nested fields and 3.12's reused quotes, comments, backslash
 *       and bracket continuations, {@code ;}-joined and one-line compound statements. Imports under
 *       {@code if TYPE_CHECKING:} are typing-only (development list); imports guarded by
 *       {@code try/except ImportError} are optional; {@code importlib.import_module("x")} and
 *       {@code __import__("x")} with literal names count; relative imports are local.</li>
 *   <li>One bad file is a warning, never a crash: invalid UTF-8 (PEP 263 coding declarations are
 *       honoured, {@code --encoding} for the rest), unterminated strings, unclosed brackets, bad
 *       indentation. Notebooks are read natively (code cells, magics and shell lines blanked).</li>
 *   <li>The walk never enters a virtualenv ({@code pyvenv.cfg}), a conda env, VCS or tool caches,
 *       build output, {@code .ipynb_checkpoints}, or what {@code .gitignore} files ignore (negation,
 *       anchoring, {@code **}, directory-only patterns, nested files); {@code .env} files are read
 *       for evidence even when ignored.</li>
 *   <li>The standard library is per Python version: asked of the target interpreter, else bundled
 *       lists for 3.8-3.14 generated from real interpreters ({@code tools/generate-stdlib.py}).</li>
 *   <li>Import name to distribution: the target environment's RECORD / top_level.txt first
 *       (exact, longest module prefix), then a curated mapping that allows several distributions
 *       per import (the choice is noted), then the package index ({@link dev.pinwheel.scan.ProjectIndex}:
 *       does a project of the import's normalized name exist; asked in one parallel batch through
 *       pinwheel-index's cached client, only for names the first two steps leave). A name the index
 *       does not have is left out with a warning; without an index it is kept, noted as assumed.</li>
 *   <li>Needs never imported, each with its file:line: database drivers from SQLAlchemy URLs and
 *       Django backends, the server from Dockerfiles/Procfiles/compose/Makefiles/scripts, the
 *       migration tool, passlib and pydantic extras, test and lint tools from their configuration.</li>
 *   <li>chill: markers evaluated for the target, extras followed and inferred, dependency cycles
 *       do not hide packages, REQUESTED used when it discriminates, dev tools and tool-chain
 *       leftovers split from runtime needs.</li>
 * </ul>
 */
package dev.pinwheel.scan;
