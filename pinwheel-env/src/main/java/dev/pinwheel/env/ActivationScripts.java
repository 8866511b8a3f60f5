package dev.pinwheel.env;

import java.util.Map;

/**
 * The activation scripts of a virtualenv, one per shell family. Each puts the venv's {@code bin}
 * first on PATH, exports {@code VIRTUAL_ENV} and {@code VIRTUAL_ENV_PROMPT}, hides
 * {@code PYTHONHOME} (which would point the interpreter elsewhere), prefixes the prompt unless
 * {@code VIRTUAL_ENV_DISABLE_PROMPT} is set, and defines {@code deactivate} to undo all of it.
 * Sourcing one twice, or sourcing another venv's, first deactivates the old one.
 */
final class ActivationScripts {

    private ActivationScripts() {
    }

    /** File name to contents, for the venv rooted at {@code root} with the given prompt. */
    static Map<String, String> render(String root, String prompt) {
        return Map.of("activate", posix(root, prompt), "activate.fish", fish(root, prompt),
                "activate.csh", csh(root, prompt));
    }

    static String posix(String root, String prompt) {
        return """
                # Activates this virtual environment: `source bin/activate` from bash or zsh. Written by pinwheel.
                # `deactivate` undoes it.
                if [ "${BASH_SOURCE-}" = "$0" ]; then
                    echo "this script must be sourced, not run: source $0" >&2
                    exit 33
                fi

                deactivate () {
                    if [ -n "${_PINWHEEL_OLD_PATH+set}" ]; then
                        PATH="$_PINWHEEL_OLD_PATH"
                        export PATH
                        unset _PINWHEEL_OLD_PATH
                    fi
                    if [ -n "${_PINWHEEL_OLD_PYTHONHOME+set}" ]; then
                        PYTHONHOME="$_PINWHEEL_OLD_PYTHONHOME"
                        export PYTHONHOME
                        unset _PINWHEEL_OLD_PYTHONHOME
                    fi
                    if [ -n "${_PINWHEEL_OLD_PS1+set}" ]; then
                        PS1="$_PINWHEEL_OLD_PS1"
                        export PS1
                        unset _PINWHEEL_OLD_PS1
                    fi
                    unset VIRTUAL_ENV VIRTUAL_ENV_PROMPT
                    hash -r 2>/dev/null
                    if [ "${1-}" != "nondestructive" ]; then
                        unset -f deactivate
                    fi
                }

                deactivate nondestructive

                VIRTUAL_ENV=%s
                export VIRTUAL_ENV
                VIRTUAL_ENV_PROMPT=%s
                export VIRTUAL_ENV_PROMPT

                _PINWHEEL_OLD_PATH="$PATH"
                PATH="$VIRTUAL_ENV/bin:$PATH"
                export PATH

                if [ -n "${PYTHONHOME+set}" ]; then
                    _PINWHEEL_OLD_PYTHONHOME="$PYTHONHOME"
                    unset PYTHONHOME
                fi

                if [ -z "${VIRTUAL_ENV_DISABLE_PROMPT-}" ]; then
                    _PINWHEEL_OLD_PS1="${PS1-}"
                    PS1="($VIRTUAL_ENV_PROMPT) ${PS1-}"
                    export PS1
                fi

                # Forget remembered command locations so the venv's commands win.
                hash -r 2>/dev/null
                """.formatted(shQuote(root), shQuote(prompt));
    }

    static String fish(String root, String prompt) {
        return """
                # Activates this virtual environment: `source bin/activate.fish` from fish. Written by pinwheel.
                # `deactivate` undoes it.
                function deactivate -d "Leave the virtual environment"
                    if set -q _PINWHEEL_OLD_PATH
                        set -gx PATH $_PINWHEEL_OLD_PATH
                        set -e _PINWHEEL_OLD_PATH
                    end
                    if set -q _PINWHEEL_OLD_PYTHONHOME
                        set -gx PYTHONHOME $_PINWHEEL_OLD_PYTHONHOME
                        set -e _PINWHEEL_OLD_PYTHONHOME
                    end
                    if functions -q _pinwheel_old_fish_prompt
                        functions -e fish_prompt
                        functions -c _pinwheel_old_fish_prompt fish_prompt
                        functions -e _pinwheel_old_fish_prompt
                    end
                    set -e VIRTUAL_ENV
                    set -e VIRTUAL_ENV_PROMPT
                    if test "$argv[1]" != "nondestructive"
                        functions -e deactivate
                    end
                end

                deactivate nondestructive

                set -gx VIRTUAL_ENV %s
                set -gx VIRTUAL_ENV_PROMPT %s
                set -gx _PINWHEEL_OLD_PATH $PATH
                set -gx PATH "$VIRTUAL_ENV/bin" $PATH

                if set -q PYTHONHOME
                    set -gx _PINWHEEL_OLD_PYTHONHOME $PYTHONHOME
                    set -e PYTHONHOME
                end

                if test -z "$VIRTUAL_ENV_DISABLE_PROMPT"; and functions -q fish_prompt
                    functions -c fish_prompt _pinwheel_old_fish_prompt
                    function fish_prompt
                        # Keep the last command's status for the original prompt to show.
                        set -l last_status $status
                        printf "(%%s) " $VIRTUAL_ENV_PROMPT
                        echo "exit $last_status" | source
                        _pinwheel_old_fish_prompt
                    end
                end
                """.formatted(fishQuote(root), fishQuote(prompt));
    }

    static String csh(String root, String prompt) {
        return """
                # Activates this virtual environment: `source bin/activate.csh` from csh or tcsh. Written by pinwheel.
                # `deactivate` undoes it.
                alias deactivate 'if ($?_PINWHEEL_OLD_PATH) setenv PATH "$_PINWHEEL_OLD_PATH"; unset _PINWHEEL_OLD_PATH; \\
                    if ($?_PINWHEEL_OLD_PROMPT) set prompt="$_PINWHEEL_OLD_PROMPT"; unset _PINWHEEL_OLD_PROMPT; \\
                    unsetenv VIRTUAL_ENV; unsetenv VIRTUAL_ENV_PROMPT; rehash; \\
                    test "\\!:*" != "nondestructive" && unalias deactivate'

                deactivate nondestructive

                setenv VIRTUAL_ENV %s
                setenv VIRTUAL_ENV_PROMPT %s
                set _PINWHEEL_OLD_PATH="$PATH"
                setenv PATH "${VIRTUAL_ENV}/bin:${PATH}"

                if ($?prompt) then
                    if (! $?VIRTUAL_ENV_DISABLE_PROMPT) then
                        set _PINWHEEL_OLD_PROMPT="$prompt"
                        set prompt = "(${VIRTUAL_ENV_PROMPT}) $prompt"
                    endif
                endif

                rehash
                """.formatted(shQuote(root), shQuote(prompt));
    }

    /** POSIX single quoting: every character literal; a quote becomes {@code '\''}. */
    static String shQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** fish single quoting: only the quote and the backslash are escaped. */
    static String fishQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
